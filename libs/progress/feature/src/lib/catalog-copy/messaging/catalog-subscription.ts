import { RoadmapPublished, RoadmapRetired } from '@pathwise/contracts';

/** docs/architecture.md, Messaging: consumer groups are `<service>.<purpose>`. */
export const CATALOG_PROJECTOR_GROUP = 'progress.catalog-projector';

export const PROGRESS_CONSUMED_CONTRACTS = [RoadmapPublished, RoadmapRetired] as const;
