import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@pathwise/platform/auth';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GATEWAY_AUDIENCE, GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { RefreshTokenRepository } from './refresh-token.repository';
import { AccessTokenIssuer } from './signing-keys';

export const sessionResponse = z
  .object({
    accessToken: z.string().describe('EdDSA-signed JWT (typ at+jwt) for the Authorization: Bearer header'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z.string().describe('Opaque; single use: each refresh returns a new one'),
  })
  .describe('A session');

export type SessionResponse = z.infer<typeof sessionResponse>;

/** Opaque refresh tokens are prefixed so they are recognisable in leaks and never parse as a JWT. */
const REFRESH_TOKEN_PREFIX = 'pwrt_';

@Injectable()
export class SessionIssuer {
  constructor(
    private readonly issuer: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenRepository,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  /** A new access token and a refresh token in `familyId` (a new family at login). */
  async start(user: { id: string; roles: readonly Role[] }, familyId: string = randomUUID()): Promise<SessionResponse> {
    const { token } = await this.issuer.issue({ subject: user.id, roles: user.roles, audience: GATEWAY_AUDIENCE, ttlSeconds: this.options.accessTokenTtlSeconds });
    const refreshToken = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({ value: refreshToken, userId: user.id, familyId, expiresAt: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000) });
    return { accessToken: token, tokenType: 'Bearer', expiresIn: this.options.accessTokenTtlSeconds, refreshToken };
  }
}
