import { Injectable } from '@nestjs/common';
import type { Principal } from '@pathwise/platform/auth';
import { AccessTokenIssuer } from '../identity/signing-keys';

const TTL_SECONDS = 60;
/** A cached token is reused only while it has at least this long left, so it never expires in flight. */
const MIN_REMAINING_SECONDS = 30;
const MAX_CACHED = 10_000;

/**
 * The token the gateway sends to a service on behalf of a caller: same subject and roles, the
 * service's own audience, one minute of life (docs/architecture.md: the principal reaches services as a
 * verified token, never as a plain header). Cached briefly per caller and audience, so a burst of
 * reads does not pay for a signature each.
 */
@Injectable()
export class ServiceTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly issuer: AccessTokenIssuer) {}

  async forPrincipal(principal: Principal, audience: string): Promise<string> {
    const key = `${audience} ${principal.subject} ${[...principal.roles].sort().join(',')}`;
    const now = Math.floor(Date.now() / 1000);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - now >= MIN_REMAINING_SECONDS) return cached.token;
    const minted = await this.issuer.issue({ subject: principal.subject, roles: principal.roles, audience, ttlSeconds: TTL_SECONDS });
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, minted);
    return minted.token;
  }
}
