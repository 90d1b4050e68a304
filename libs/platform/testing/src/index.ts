export { repoRoot, envFile } from './lib/repo-root';
export { serveOnEphemeralPort, startApp, UNREACHABLE, type RunningApp } from './lib/http-app';
export { ensureInfrastructure, releaseInfrastructure, describeInfrastructure, type InfrastructureMode } from './lib/infrastructure';
export { itHonoursTheServiceContract } from './lib/service-contract';
export { freezeInfrastructure, startChild, buildWorkspace, type ChildHandle } from './lib/processes';
export { tailTopic, type TopicTail } from './lib/topic-tail';
export { itDocumentsTheApi, renderOpenApi, type OpenApiSource } from './lib/openapi';
export { eventually, metricValue, waitFor } from './lib/probes';
export { freePort } from './lib/ports';
