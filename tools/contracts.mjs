// `npm run contracts:generate`: regenerates docs/asyncapi.yaml from libs/contracts and records each
// event schema in libs/contracts/schema-history/ — refusing a change that would break readers or
// writers of the recorded version (ship it as a new major instead).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { requireBuilt, root } from './built.mjs';

const contracts = requireBuilt('libs/contracts/src/index');

const historyDir = path.join(root, 'libs/contracts/schema-history');
mkdirSync(historyDir, { recursive: true });
const refused = [];
for (const contract of contracts.EVENT_CATALOG) {
  const file = path.join(historyDir, `${contract.type}.json`);
  const current = z.toJSONSchema(contract.schema);
  if (existsSync(file)) {
    const problems = contracts.breakingChanges(JSON.parse(readFileSync(file, 'utf8')), current);
    if (problems.length > 0) {
      refused.push(`${contract.type}:\n  ${problems.join('\n  ')}`);
      continue;
    }
  }
  writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
}

writeFileSync(path.join(root, 'docs/asyncapi.yaml'), contracts.asyncApiYaml(contracts.EVENT_CATALOG));
if (refused.length > 0) {
  console.error(`Breaking changes refused (publish a new major version instead):\n${refused.join('\n')}`);
  process.exit(1);
}
console.log('contracts: docs/asyncapi.yaml and libs/contracts/schema-history/ are up to date');
