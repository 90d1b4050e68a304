// Test builders for the progress feature: an isolated schema with every progress table, the use
// cases wired by hand over a real DataSource, and RoadmapPublished payloads. Not production API.
import type { EventData, RoadmapPublished } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ApplyPublishedRoadmapHandler } from './lib/catalog-copy/apply-published-roadmap.handler';
import { CatalogRoadmapRepository } from './lib/catalog-copy/catalog-roadmap.repository';
import { ChangeSkillStatusHandler } from './lib/enrollments/change-skill-status/change-skill-status.handler';
import { EnrollHandler } from './lib/enrollments/enroll/enroll.handler';
import { UnenrollHandler } from './lib/enrollments/unenroll/unenroll.handler';
import { EnrollmentRepository } from './lib/event-store/enrollment.repository';
import { EventStore } from './lib/event-store/event-store.repository';
import { PROGRESS_MIGRATIONS } from './lib/migrations/progress-migrations';
import { ProgressProjector } from './lib/projections/progress-projector';
import { ProgressReadRepository } from './lib/projections/progress-read.repository';
import { ProjectionMetrics } from './lib/projections/projection-metrics';
import { RebuildProjectionsHandler } from './lib/projections/rebuild/rebuild-projections.handler';

/** The Backend Engineer roadmap as the catalog seeds it: 9 stages, 32 skills, ids like `skill:git`. */
export const BACKEND_STAGES: readonly (readonly [string, readonly string[]])[] = [
  ['fundamentals', ['http', 'linux', 'git']],
  ['one-language', ['language-choice', 'language-proficiency', 'concurrency', 'data-structures-algorithms']],
  ['apis', ['web-framework', 'rest-api', 'input-validation', 'graphql-grpc']],
  ['databases', ['sql', 'database-indexing', 'database-transactions', 'nosql', 'orm-migrations']],
  ['security', ['authentication-authorization', 'owasp-api-security', 'transport-data-security']],
  ['async', ['caching', 'message-queues']],
  ['delivery', ['docker', 'ci-cd', 'cloud-fundamentals', 'kubernetes', 'infrastructure-as-code']],
  ['quality', ['testing', 'observability']],
  ['system-design', ['scalability', 'microservices', 'rag', 'capstone-project']],
];

/**
 * A RoadmapPublished payload for the backend roadmap (or `stages`), optionally without some skills
 * and with extra ones appended to the last stage — a re-publish as the catalog would send it.
 */
export function roadmapPublished(
  roadmapId: string,
  version: number,
  options: { remove?: readonly string[]; add?: readonly string[]; stages?: readonly (readonly [string, readonly string[]])[]; slug?: string } = {},
): EventData<typeof RoadmapPublished> {
  const removed = new Set((options.remove ?? []).map(skillRef));
  const source = options.stages ?? BACKEND_STAGES;
  const stages = source.map(([stageId, slugs], index) => ({
    stageId: `stage:${stageId}`,
    title: stageId,
    position: index,
    skills: [...slugs.map(skillRef), ...(index === source.length - 1 ? (options.add ?? []).map(skillRef) : [])]
      .filter((skillId) => !removed.has(skillId))
      .map((skillId, position) => ({ skillId, position, priority: 'essential' as const })),
  }));
  const skills = stages.flatMap((stage) => stage.skills.map(({ skillId }) => ({ skillId, name: skillId.slice('skill:'.length) })));
  return {
    roadmapId,
    slug: options.slug ?? roadmapId.replace(/^roadmap:/, ''),
    title: 'Backend Engineer',
    kind: 'role',
    version,
    publishedAt: new Date().toISOString(),
    tags: [],
    stages,
    skills,
    prerequisites: [],
  };
}

function skillRef(slug: string): string {
  return slug.startsWith('skill:') ? slug : `skill:${slug}`;
}

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

export interface ProgressTestBed {
  schema: string;
  dataSource: DataSource;
  enrollments: EnrollmentRepository;
  enroll: EnrollHandler;
  changeSkillStatus: ChangeSkillStatusHandler;
  unenroll: UnenrollHandler;
  reads: ProgressReadRepository;
  projector: ProgressProjector;
  metrics: Registry;
  rebuild: RebuildProjectionsHandler;
  /** Applies a RoadmapPublished as the inbox consumer would, in one transaction. */
  publish(data: EventData<typeof RoadmapPublished>): Promise<{ current: boolean; adopted: number }>;
  dispose(): Promise<void>;
}

/**
 * A fresh schema in the progress database with every progress migration applied, so a test owns
 * its event store, checkpoint and read models outright (a rebuild here touches no other suite).
 */
export async function createProgressTestBed(label: string, options: { snapshotEvery?: number } = {}): Promise<ProgressTestBed> {
  const url = process.env['PROGRESS_DATABASE_URL'] as string;
  const schema = `progress_${label.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const setup = new DataSource({ type: 'postgres', url });
  await setup.initialize();
  await setup.query(`CREATE SCHEMA ${schema}`);
  await setup.destroy();

  const dataSource = new DataSource({
    type: 'postgres',
    url,
    extra: { options: `-c search_path=${schema}`, max: 20 },
    migrations: [...PROGRESS_MIGRATIONS],
    migrationsTableName: 'schema_migrations',
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });

  const enrollments = new EnrollmentRepository(new EventStore(), new Outbox(), options.snapshotEvery ?? 50);
  const roadmaps = new CatalogRoadmapRepository();
  const metrics = new Registry();
  const applyPublished = new ApplyPublishedRoadmapHandler(roadmaps, enrollments);
  const projector = new ProgressProjector(dataSource, new ProjectionMetrics(metrics, dataSource), { enabled: false, databaseUrl: url, pollIntervalMs: 50 });
  return {
    schema,
    dataSource,
    enrollments,
    enroll: new EnrollHandler(dataSource, roadmaps, enrollments),
    changeSkillStatus: new ChangeSkillStatusHandler(dataSource, enrollments),
    unenroll: new UnenrollHandler(dataSource, enrollments),
    reads: new ProgressReadRepository(dataSource),
    projector,
    metrics,
    rebuild: new RebuildProjectionsHandler(dataSource),
    publish: (data) => dataSource.transaction((manager) => applyPublished.execute(manager, data, { id: randomUUID(), correlationId: randomUUID() }, new Date())),
    async dispose() {
      await projector.stop();
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}
