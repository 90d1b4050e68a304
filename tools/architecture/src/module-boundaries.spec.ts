import { spawnSync } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** Lints `source` as if it lived at `file`, through the workspace's real ESLint config. */
function lint(file: string, source: string): string[] {
  const result = spawnSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: workspaceRoot,
    input: source,
    encoding: 'utf8',
  });
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return report.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries are enforced by lint, not just declared', () => {
  beforeAll(() => {
    // The Nx rule silently skips when no project graph is cached; compute it like `npm run lint` does.
    const graph = spawnSync('npx', ['nx', 'show', 'projects'], { cwd: workspaceRoot, env: { ...process.env, NX_DAEMON: 'false' } });
    expect(graph.status).toBe(0);
  }, 60_000);

  it('when a domain lib imports a platform lib or a framework, then lint fails', () => {
    const messages = lint(
      'libs/catalog/domain/src/lib/roadmap.ts',
      "import { createHttpApp } from '@pathwise/platform/http';\nimport { Injectable } from '@nestjs/common';\nexport const used = [createHttpApp, Injectable];\n",
    );
    expect(messages).toEqual([
      expect.stringContaining('"type:domain" can only depend on libs tagged with "type:domain"'),
      expect.stringContaining('not allowed to import "@nestjs/common"'),
    ]);
  });

  it("when one service's code imports another service's lib, then lint fails", () => {
    const messages = lint('apps/catalog/src/leak.ts', "import { AppModule } from '@pathwise/saga/activities';\nexport const used = AppModule;\n");
    expect(messages).toEqual([expect.stringContaining('"scope:catalog" can only depend on libs tagged with "scope:catalog", "scope:shared"')]);
  });

  it('when production code imports the testing lib, then lint fails; a spec file may', () => {
    const source = "import { startApp } from '@pathwise/platform/testing';\nexport const used = startApp;\n";
    expect(lint('libs/platform/persistence/src/lib/helper.ts', source)).toEqual([expect.stringContaining('can only depend on libs tagged with')]);
    expect(lint('libs/platform/persistence/src/lib/helper.int-spec.ts', source)).toEqual([]);
  });

  it('when a workflow imports an I/O package, then lint fails', () => {
    const messages = lint('libs/saga/workflows/src/lib/x.workflow.ts', "import { Pool } from 'pg';\nexport const used = Pool;\n");
    expect(messages).toEqual([expect.stringContaining('not allowed to import "pg"')]);
  });
});
