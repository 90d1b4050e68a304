export {
  ACCESS_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYPE,
  AccessTokenVerifier,
  InvalidAccessToken,
  ROLES,
  SERVICE_ROLES,
  USER_ROLES,
  type AccessTokenVerifierOptions,
  type Principal,
  type Role,
  type TrustedIssuer,
  type UserRole,
} from './lib/access-token';
export { AccessTokenGuard, Authenticated, CurrentPrincipal, Public, requestPrincipal, RequireRoles } from './lib/access-token.guard';
export { AuthModule } from './lib/auth.module';
export { serviceSigningKeyFromSeed, ServiceTokenIssuer, type ServiceSigningKey, type ServiceTokenIssuerOptions, type ServiceTokenSource } from './lib/service-tokens';
export { ServiceCredentialsModule } from './lib/service-credentials.module';
export { apiControllers, completeApiDocument, type ApiSource } from './lib/api-document';
