import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { RefreshTokenRepository } from '../refresh-token.repository';
import { refreshRequest, type RefreshRequest } from '../refresh/refresh.request';

@ApiTags('identity')
@Controller('v1/auth')
@Authenticated()
export class LogOutController {
  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  /** Answers 204 whatever the token was, so logout reveals nothing about tokens it does not own. */
  @Post('logout')
  @HttpCode(204)
  @Endpoint({ summary: 'Log out: revoke the session of this refresh token', body: refreshRequest, responses: { 204: 'Logged out', 401: 'No valid access token' } })
  async logOut(@Body() body: RefreshRequest, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(body.refreshToken, principal.subject);
  }
}
