export { ACCESS_TOKEN_ALGORITHMS, ACCESS_TOKEN_TYPE, AccessTokenVerifier, InvalidAccessToken, ROLES, type AccessTokenVerifierOptions, type Principal, type Role } from './lib/access-token';
export { AccessTokenGuard, Authenticated, CurrentPrincipal, Public, requestPrincipal, RequireRoles } from './lib/access-token.guard';
export { AuthModule } from './lib/auth.module';
