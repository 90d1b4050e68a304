import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type ApiSource, apiControllers, completeApiDocument } from '@pathwise/platform/auth';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root';

export type OpenApiSource = ApiSource;

/**
 * The OpenAPI 3.1 document of a service, generated from its controllers' route and @Endpoint
 * metadata by the same function the service serves its document with. Dependencies are stubbed
 * because only the route metadata is read, so this needs no database or broker; a spec compares
 * the result with the committed document in docs/openapi/.
 */
export async function renderOpenApi(source: OpenApiSource): Promise<string> {
  const moduleRef = await Test.createTestingModule({ controllers: apiControllers(source) }).useMocker(() => ({})).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    return `${JSON.stringify(completeApiDocument(app, source), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

/**
 * What every service's committed OpenAPI document must satisfy: it is current with the controllers
 * (`npm run openapi:generate` rewrites docs/openapi/<name>.json), and every route that changes
 * state documents its 4xx answers.
 */
export function itDocumentsTheApi(name: string, source: OpenApiSource, expectedOperations: number): void {
  // Rendered once, when the first test needs it (not at collection time), and shared by both.
  let rendered: Promise<string> | undefined;
  const render = (): Promise<string> => (rendered ??= renderOpenApi(source));

  it(`when the controllers change, then docs/openapi/${name}.json is regenerated (npm run openapi:generate)`, async () => {
    const committed = readFileSync(path.join(repoRoot, 'docs/openapi', `${name}.json`), 'utf8');
    expect(committed).toBe(await render());
  });

  it(`when the document is read, then it has ${expectedOperations} operations and every state-changing one documents its error answers`, async () => {
    const document = JSON.parse(await render()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const operations = Object.values(document.paths).flatMap((methods) => Object.entries(methods).map(([method, operation]) => ({ method, operation })));
    expect(operations).toHaveLength(expectedOperations);
    for (const { operation } of operations.filter(({ method }) => method !== 'get')) {
      expect(Object.keys(operation.responses).some((status) => status.startsWith('4'))).toBe(true);
    }
  });
}
