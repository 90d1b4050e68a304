import { AccessTokenVerifier, type AccessTokenVerifierOptions, type Principal } from '@pathwise/platform/auth';

const MAX_ENTRIES = 10_000;

/**
 * The platform verifier, remembering tokens it already verified until they expire: a verified
 * token stays valid until `exp` anyway (there is no revocation list for access tokens), and the
 * gateway checks each request's token twice (rate limit, then the route's guard).
 */
export class CachingAccessTokenVerifier extends AccessTokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(options: AccessTokenVerifierOptions) {
    super(options);
  }

  override async verify(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.principal;
    const principal = await super.verify(token);
    const [, payload] = token.split('.');
    const exp = Number((JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { exp?: number }).exp);
    if (this.verified.size >= MAX_ENTRIES) this.verified.clear();
    this.verified.set(token, { principal, expiresAt: exp * 1000 });
    return principal;
  }
}
