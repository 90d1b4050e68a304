import { IdentitySchema1764000000000 } from './1764000000000-identity-schema';

/** The gateway's migrations in order, run by apps/gateway/src/migrate.ts and by tests' beforeAll. */
export const GATEWAY_MIGRATIONS = [IdentitySchema1764000000000];
