import type { DynamicModule, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { apiDocumentConfig, type ApiDescription } from '@pathwise/platform/http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root';

export interface OpenApiSource extends ApiDescription {
  /** The feature module (static, or as forRoot()/register() returns it) whose controllers, and those of the modules it imports, make up the service's API. */
  module: Type<unknown> | DynamicModule;
}

/** The controllers of a module and of every module it imports, static or dynamic (forRoot/register). */
function controllersOf(module: Type<unknown> | DynamicModule, seen = new Set<unknown>()): Type<unknown>[] {
  const type = 'module' in module ? module.module : module;
  if (seen.has(module)) return [];
  seen.add(module);
  const metadata = (key: string) => (Reflect.getMetadata(key, type) ?? []) as (Type<unknown> | DynamicModule)[];
  const own = [...metadata('controllers'), ...('module' in module ? (module.controllers ?? []) : [])] as Type<unknown>[];
  const imports = [...metadata('imports'), ...('module' in module ? (module.imports ?? []) : [])].filter(
    (entry): entry is Type<unknown> | DynamicModule => typeof entry === 'function' || (typeof entry === 'object' && entry !== null && 'module' in entry),
  );
  return [...own, ...imports.flatMap((entry) => controllersOf(entry, seen))];
}

/**
 * The OpenAPI 3.1 document of a service, generated from its controllers' route and @Endpoint
 * metadata. Dependencies are stubbed because only the route metadata is read, so this needs no
 * database or broker; a spec compares the result with the committed document in docs/openapi/.
 */
export async function renderOpenApi(source: OpenApiSource): Promise<string> {
  const controllers = controllersOf(source.module);
  const moduleRef = await Test.createTestingModule({ controllers }).useMocker(() => ({})).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    return `${JSON.stringify(SwaggerModule.createDocument(app, apiDocumentConfig(source)), null, 2)}\n`;
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
