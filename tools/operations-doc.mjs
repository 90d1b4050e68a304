// `npm run docs:operations`: rewrites the configuration reference in docs/operations.md from the
// apps' zod config schemas (compiled to dist/); the rest of the page is hand-written and kept.
// tools/ops/src/operations-doc.spec.ts fails when the committed page is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBuilt, root } from './built.mjs';
import { loadAppConfigs } from './ops/src/app-configs.ts';
import { OPERATIONS_DOC, renderConfigReference, secretKeys, withConfigReference } from './ops/src/operations-doc.ts';

const apps = loadAppConfigs(root, (modulePath) => requireBuilt(modulePath));
const file = path.join(root, OPERATIONS_DOC);
writeFileSync(file, withConfigReference(readFileSync(file, 'utf8'), renderConfigReference(apps, secretKeys(root))));
console.log(`operations: ${OPERATIONS_DOC} (${apps.map((app) => app.name).join(', ')})`);
