import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment } from 'testcontainers';
import { repoRoot } from './repo-root';

const infraCli = path.join(repoRoot, 'infra/bin/infra.sh');

export type InfrastructureMode = 'already-running' | 'local-processes' | 'testcontainers';

function infra(command: string, stdio: 'inherit' | 'pipe' = 'inherit') {
  return spawnSync('bash', [infraCli, command], { cwd: repoRoot, stdio, encoding: 'utf8' });
}

/** A Docker engine answers (not merely a docker CLI on PATH). */
function dockerEngineReachable(): boolean {
  if (process.env['PATHWISE_INFRA'] === 'local') return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

let compose: StartedDockerComposeEnvironment | undefined;

/**
 * Makes PostgreSQL, Redis, Kafka and Temporal available for integration tests: reuses them when
 * `infra status` says they are up, starts the compose file with testcontainers when a Docker
 * engine is reachable, and otherwise starts the local (no-Docker) processes.
 */
export async function ensureInfrastructure(): Promise<InfrastructureMode> {
  if (infra('status', 'pipe').status === 0) return 'already-running';
  if (dockerEngineReachable()) {
    if (infra('env').status !== 0) throw new Error('could not prepare .env for docker compose');
    compose = await new DockerComposeEnvironment(repoRoot, 'docker-compose.yml').withEnvironmentFile('.env').up();
    return 'testcontainers';
  }
  const up = infra('up');
  if (up.status !== 0) throw new Error(`infra up failed with exit code ${up.status}; see the output above`);
  return 'local-processes';
}

/** Leaves infrastructure as ensureInfrastructure found it. */
export async function releaseInfrastructure(mode: InfrastructureMode): Promise<void> {
  if (mode === 'testcontainers') await compose?.down();
  if (mode === 'local-processes') infra('down');
}

/** One line per component (`infra status`), printed so the test log says what the tests ran against. */
export function describeInfrastructure(): string {
  return infra('status', 'pipe').stdout.trim();
}
