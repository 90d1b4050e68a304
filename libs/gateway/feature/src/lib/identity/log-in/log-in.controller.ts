import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyRequest } from 'fastify';
import { sessionResponse, type SessionResponse } from '../session';
import { LogInHandler } from './log-in.handler';
import { logInRequest, type LogInRequest } from './log-in.request';

@ApiTags('identity')
@Controller('v1/auth')
export class LogInController {
  constructor(private readonly handler: LogInHandler) {}

  @Post('login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Endpoint({
    summary: 'Log in with email and password',
    description: 'Failed attempts are throttled per account and per client IP; unknown email and wrong password get the same answer.',
    body: logInRequest,
    responses: { 200: sessionResponse, 401: 'Invalid credentials', 429: 'Too many attempts (Retry-After)', 503: 'Throttle store unavailable' },
  })
  logIn(@Body() body: LogInRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.handler.execute(body, request.ip);
  }
}
