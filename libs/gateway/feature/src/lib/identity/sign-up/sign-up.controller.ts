import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import { userResponse, type UserResponse } from '../me/user.response';
import { SignUpHandler } from './sign-up.handler';
import { signUpRequest, type SignUpRequest } from './sign-up.request';

@ApiTags('identity')
@Controller('v1/auth')
export class SignUpController {
  constructor(private readonly handler: SignUpHandler) {}

  @Post('sign-up')
  @Endpoint({
    summary: 'Create a learner account',
    body: signUpRequest,
    responses: { 201: userResponse, 409: 'The email is taken', 413: 'Body over 8 KiB', 422: 'Invalid fields', 429: 'Too many requests' },
  })
  async signUp(@Body() body: SignUpRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserResponse> {
    const user = await this.handler.execute(body);
    void reply.status(201).header('location', '/v1/me');
    return user;
  }
}
