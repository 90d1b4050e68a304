export { GatewayModule } from './lib/gateway.module';
export { GATEWAY_AUDIENCE, type GatewayOptions } from './lib/gateway.options';
export { AccessTokenIssuer, signingKeyFromSeed } from './lib/identity/signing-keys';
export { configureEdge, GATEWAY_API, GATEWAY_BODY_LIMIT } from './lib/edge/edge';
export { GATEWAY_MIGRATIONS } from './lib/identity/migrations';
export { AUTHORIZATION_MATRIX, type Access } from './lib/authorization-matrix';
