import { DynamicModule, Module } from '@nestjs/common';
import { InternalRecommendationsController } from './api/internal-recommendations.controller';
import { LearnerRecommendationsQuery } from './api/learner-recommendations.query';
import { RecommendationsController } from './api/recommendations.controller';
import { ReadModelConsumers } from './read-model/messaging/read-model.consumers';
import { ReadModelProjector } from './read-model/read-model.projector';
import { ReadModelRepository } from './read-model/read-model.repository';
import { RebuildReadModelsHandler } from './rebuild/rebuild-read-models.handler';
import { RecomputeRecommendationsHandler } from './recommendations/recompute-recommendations.handler';
import { AnalyzeResumeHandler } from './resumes/analyze-resume.handler';
import { InternalResumesController } from './resumes/internal-resumes.controller';
import { ResumeParser } from './resumes/parsing';
import { ResumeCatalogRepository } from './resumes/resume-catalog.repository';
import { ResumeOnRoadmapQuery } from './resumes/resume-on-roadmap.query';
import { ResumeRepository } from './resumes/resume.repository';
import { ResumeViews } from './resumes/resume.views';
import { ResumesController } from './resumes/resumes.controller';
import { RECOMPUTE_OPTIONS, RecomputeWorker, type RecomputeOptions } from './recommendations/recompute-worker';

/**
 * The recommendation service's use cases. Needs, from the app: PostgresModule, OutboxModule
 * (Outbox), ObservabilityModule and AuthModule (token guard).
 */
@Module({})
export class RecommendationModule {
  static forRoot(options: { recompute: RecomputeOptions }): DynamicModule {
    return {
      module: RecommendationModule,
      controllers: [RecommendationsController, ResumesController, InternalRecommendationsController, InternalResumesController, ReadModelConsumers],
      providers: [
        { provide: RECOMPUTE_OPTIONS, useValue: options.recompute },
        ReadModelRepository,
        ReadModelProjector,
        RecomputeRecommendationsHandler,
        RecomputeWorker,
        LearnerRecommendationsQuery,
        RebuildReadModelsHandler,
        ResumeRepository,
        ResumeCatalogRepository,
        ResumeViews,
        ResumeOnRoadmapQuery,
        AnalyzeResumeHandler,
        ResumeParser,
      ],
      exports: [RebuildReadModelsHandler],
    };
  }
}
