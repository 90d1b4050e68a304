export { parseConfig, ConfigError } from './lib/parse-config';
export { env } from './lib/env';
