import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CacheInvalidationConsumer } from './cache/cache-invalidation.consumer';
import { RoadmapCache } from './cache/roadmap-cache';
import { ChangeRoadmapHandler } from './roadmaps/edit/change-roadmap.handler';
import { CreateRoadmapHandler } from './roadmaps/edit/create-roadmap.handler';
import { RoadmapEditorController } from './roadmaps/edit/roadmap-editor.controller';
import { RoadmapReadController } from './roadmaps/read/roadmap-read.controller';
import { RoadmapViews } from './roadmaps/roadmap-views.repository';
import { RoadmapRecord } from './roadmaps/roadmap.record';
import { RoadmapRepository } from './roadmaps/roadmap.repository';
import { SearchController } from './search/search.controller';
import { CreateSkillHandler, UpdateSkillHandler } from './skills/edit/skill-editing.handler';
import { SkillRecord } from './skills/skill.record';
import { SkillRepository } from './skills/skill.repository';
import { SkillsController } from './skills/skills.controller';

/** TypeORM records of the catalog database, for data sources built outside Nest (seed, tests). */
export const CATALOG_RECORDS = [RoadmapRecord, SkillRecord];

/**
 * The catalog's use cases, HTTP adapters and its cache-invalidation consumer. Expects the app to
 * provide PostgreSQL, Redis, Kafka + outbox, observability and AuthModule (all global).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_RECORDS)],
  controllers: [RoadmapReadController, RoadmapEditorController, SkillsController, SearchController, CacheInvalidationConsumer],
  providers: [RoadmapRepository, SkillRepository, RoadmapViews, RoadmapCache, CreateRoadmapHandler, ChangeRoadmapHandler, CreateSkillHandler, UpdateSkillHandler],
})
export class CatalogModule {}
