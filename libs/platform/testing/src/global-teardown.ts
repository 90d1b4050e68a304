import { type InfrastructureMode, releaseInfrastructure } from './lib/infrastructure';

export default async function globalTeardown(): Promise<void> {
  const mode = (globalThis as { __pathwiseInfrastructure?: InfrastructureMode }).__pathwiseInfrastructure;
  if (mode) await releaseInfrastructure(mode);
}
