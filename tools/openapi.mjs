// `npm run openapi:generate`: writes each service's OpenAPI 3.1 document to docs/openapi/, generated
// from its controllers. A spec per service fails when the committed document is stale.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBuilt, root } from './built.mjs';

const SERVICES = [
  { name: 'catalog', source: () => requireBuilt('apps/catalog/src/openapi').CATALOG_OPENAPI },
  { name: 'progress', source: () => requireBuilt('apps/progress/src/openapi').PROGRESS_OPENAPI },
  { name: 'recommendation', source: () => requireBuilt('apps/recommendation/src/openapi').RECOMMENDATION_OPENAPI },
  { name: 'gateway', source: () => requireBuilt('apps/gateway/src/openapi').GATEWAY_OPENAPI },
];

const { renderOpenApi } = requireBuilt('libs/platform/testing/src/index');
mkdirSync(path.join(root, 'docs/openapi'), { recursive: true });
for (const service of SERVICES) {
  const file = path.join(root, 'docs/openapi', `${service.name}.json`);
  writeFileSync(file, await renderOpenApi(service.source()));
  console.log(`openapi: ${path.relative(root, file)}`);
}
