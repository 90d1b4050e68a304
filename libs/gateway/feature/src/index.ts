export { GatewayModule } from './lib/gateway.module';
export { GATEWAY_AUDIENCE, GATEWAY_OPTIONS, type GatewayOptions, type DownstreamOptions, type RateLimitPolicy } from './lib/gateway.options';
export { AccessTokenIssuer, signingKeyFromSeed, type SigningKey } from './lib/identity/signing-keys';
export { configureEdge, AUTH_BODY_LIMIT, GATEWAY_API, GATEWAY_BODY_LIMIT } from './lib/edge/edge';
export { GATEWAY_MIGRATIONS } from './lib/identity/migrations';
export { AUTHORIZATION_MATRIX, type Access } from './lib/authorization-matrix';
