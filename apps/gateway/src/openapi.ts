import { GATEWAY_API, GatewayModule } from '@pathwise/gateway/feature';
import { parseConfig } from '@pathwise/platform/config';
import { gatewayConfigSchema, gatewayOptions } from './config';

// Only the controllers' route metadata is read; these settings (a throwaway signing key, default
// URLs) never serve a request.
const documentOnly = parseConfig(gatewayConfigSchema, {
  GATEWAY_DATABASE_URL: 'postgres://localhost/unused',
  REDIS_URL: 'redis://localhost:6379',
  TEMPORAL_ADDRESS: 'localhost:7233',
  GATEWAY_SIGNING_KEYS: '0'.repeat(64),
});

/** Where the public API's OpenAPI document comes from (served at /docs; `npm run openapi:generate` writes docs/openapi/gateway.json). */
export const GATEWAY_OPENAPI = { ...GATEWAY_API, module: GatewayModule.register(gatewayOptions(documentOnly)) };
