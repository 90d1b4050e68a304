import { renderOpenApi, repoRoot } from '@pathwise/platform/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_OPENAPI } from './openapi';

describe('catalog OpenAPI document', () => {
  it('when the controllers change, then docs/openapi/catalog.json is regenerated (npm run openapi:generate)', async () => {
    const committed = readFileSync(path.join(repoRoot, 'docs/openapi/catalog.json'), 'utf8');
    expect(committed).toBe(await renderOpenApi(CATALOG_OPENAPI));
  });

  it('when a route changes state, then it documents its error answers', async () => {
    const document = JSON.parse(await renderOpenApi(CATALOG_OPENAPI)) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const operations = Object.entries(document.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, operation]) => ({ route, method, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const { operation } of operations.filter(({ method }) => method !== 'get')) {
      expect(Object.keys(operation.responses).some((status) => status.startsWith('4'))).toBe(true);
    }
  });
});
