import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@pathwise/platform/http';
import { sessionResponse, type SessionResponse } from '../session';
import { RefreshHandler } from './refresh.handler';
import { refreshRequest, type RefreshRequest } from './refresh.request';

@ApiTags('identity')
@Controller('v1/auth')
export class RefreshController {
  constructor(private readonly handler: RefreshHandler) {}

  @Post('refresh')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Endpoint({
    summary: 'Exchange a refresh token for a new session',
    description: 'Each refresh token works once. Presenting a used one revokes every token of its family (log in again).',
    body: refreshRequest,
    responses: { 200: sessionResponse, 401: 'Unknown, expired, revoked or reused refresh token' },
  })
  refresh(@Body() body: RefreshRequest): Promise<SessionResponse> {
    return this.handler.execute(body.refreshToken);
  }
}
