import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root';

/** Pid of a local infrastructure process started by `infra up` (see infra/lib/common.sh). */
function infraPid(component: 'postgres' | 'redis' | 'kafka' | 'temporal'): number {
  const pid = Number(readFileSync(path.join(repoRoot, '.data/run', `${component}.pid`), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid for ${component}; fault injection needs the local infrastructure`);
  return pid;
}

/**
 * Freezes a real infrastructure process (SIGSTOP): clients see a peer that stops answering,
 * like a network partition, and the process resumes with its state intact. Returns `resume`.
 */
export function freezeInfrastructure(component: 'postgres' | 'redis' | 'kafka' | 'temporal'): () => void {
  const pid = infraPid(component);
  process.kill(pid, 'SIGSTOP');
  return () => process.kill(pid, 'SIGCONT');
}

export interface ChildHandle {
  child: ChildProcess;
  output: string[];
  /** Resolves when the child printed `line`. */
  waitForLine(line: string, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Compiles the workspace to dist/ so tests can run real child processes from it. */
export function buildWorkspace(): void {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'tools/build.mjs')], { stdio: 'pipe', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}

/** Starts `node dist/<script>` with extra env; stdout lines are collected for synchronisation. */
export function startChild(script: string, env: Record<string, string>): ChildHandle {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(repoRoot, 'dist', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      for (const waiter of waiters.filter((w) => line.includes(w.line))) waiter.resolve();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return {
    child,
    output,
    waitForLine(line, timeoutMs = 30_000) {
      if (output.some((seen) => seen.includes(line))) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child ${script} did not print ${line} within ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`)), timeoutMs);
        waiters.push({ line, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}
