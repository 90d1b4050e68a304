// The apps' own config schemas, found one way for every check and document that reads them (the
// Kubernetes coherence spec, the operations page): each apps/<app>/src/config.ts exports a zod
// object holding <APP>_HTTP_PORT. A new app is picked up without editing a list.
// Runs under jest (CommonJS) and under plain node (type stripping, ESM): the caller loads the
// modules, from source under jest and from dist/ under node, where the path aliases do not resolve.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export type ConfigSchema = z.ZodObject<Record<string, z.ZodType>>;

export interface AppConfig {
  /** The folder under apps/, also the Deployment's and Service's name. */
  name: string;
  /** Upper-case name, the prefix of the app's own keys: SAGA_WORKER for saga-worker. */
  prefix: string;
  schema: ConfigSchema;
  /** The HTTP port the app serves when nothing overrides it. */
  port: number;
}

/** `load('apps/gateway/src/config')` returns that module's exports. */
export function loadAppConfigs(repoRoot: string, load: (modulePath: string) => Record<string, unknown>): AppConfig[] {
  return readdirSync(path.join(repoRoot, 'apps'))
    .filter((name) => existsSync(path.join(repoRoot, 'apps', name, 'src/config.ts')))
    .sort()
    .map((name) => {
      const prefix = name.toUpperCase().replace(/-/g, '_');
      const schema = Object.values(load(`apps/${name}/src/config`)).find((value) => (value as ConfigSchema)?.shape?.[`${prefix}_HTTP_PORT`]) as ConfigSchema | undefined;
      if (!schema) throw new Error(`apps/${name}/src/config.ts exports no schema with ${prefix}_HTTP_PORT`);
      return { name, prefix, schema, port: schema.shape[`${prefix}_HTTP_PORT`].parse(undefined) as number };
    });
}
