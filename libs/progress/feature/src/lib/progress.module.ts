import { DynamicModule, Module } from '@nestjs/common';
import { ApplyPublishedRoadmapHandler } from './catalog-copy/apply-published-roadmap.handler';
import { CatalogRoadmapRepository } from './catalog-copy/catalog-roadmap.repository';
import { RoadmapPublishedConsumer } from './catalog-copy/messaging/roadmap-published.consumer';
import { RoadmapRetiredConsumer } from './catalog-copy/messaging/roadmap-retired.consumer';
import { ChangeSkillStatusController } from './enrollments/change-skill-status/change-skill-status.controller';
import { ChangeSkillStatusHandler } from './enrollments/change-skill-status/change-skill-status.handler';
import { EnrollController } from './enrollments/enroll/enroll.controller';
import { EnrollHandler } from './enrollments/enroll/enroll.handler';
import { GetEnrollmentController } from './enrollments/get-enrollment/get-enrollment.controller';
import { ListEnrollmentsController } from './enrollments/list-enrollments/list-enrollments.controller';
import { UnenrollController } from './enrollments/unenroll/unenroll.controller';
import { UnenrollHandler } from './enrollments/unenroll/unenroll.handler';
import { EnrollmentRepository, SNAPSHOT_EVERY } from './event-store/enrollment.repository';
import { EventStore } from './event-store/event-store.repository';
import { DashboardController } from './learner-views/dashboard/dashboard.controller';
import { DashboardHandler } from './learner-views/dashboard/dashboard.handler';
import { ExportController } from './learner-views/export/export.controller';
import { ExportProgressHandler } from './learner-views/export/export.handler';
import { TimelineController } from './learner-views/timeline/timeline.controller';
import { PROJECTOR_OPTIONS, ProgressProjector, type ProjectorOptions } from './projections/progress-projector';
import { CompleteOnboardingController } from './onboarding/complete-onboarding/complete-onboarding.controller';
import { CompleteOnboardingHandler } from './onboarding/complete-onboarding/complete-onboarding.handler';
import { IdempotentRequests } from './onboarding/idempotency/idempotent-requests';
import { InternalEnrollmentsController } from './onboarding/internal-enrollments/internal-enrollments.controller';
import { InternalEnrollmentsHandler } from './onboarding/internal-enrollments/internal-enrollments.handler';
import { KnownSkillsController } from './onboarding/known-skills/known-skills.controller';
import { KnownSkillsHandler } from './onboarding/known-skills/known-skills.handler';
import { LearnerProfileController } from './onboarding/learner-profile/learner-profile.controller';
import { LearnerProfileHandler } from './onboarding/learner-profile/learner-profile.handler';
import { LearnerProfileRepository } from './onboarding/learner-profile/learner-profile.repository';
import { ProgressReadRepository } from './projections/progress-read.repository';
import { ProjectionMetrics } from './projections/projection-metrics';
import { RebuildProjectionsHandler } from './projections/rebuild/rebuild-projections.handler';

export interface ProgressModuleOptions {
  /** Take a snapshot whenever a stream crosses a multiple of this many events. */
  snapshotEvery: number;
  projector: ProjectorOptions;
}

/**
 * The progress service's use cases. Needs, from the app: PostgresModule, OutboxModule (Outbox),
 * ObservabilityModule (metrics registry) and AuthModule (token guard).
 */
@Module({})
export class ProgressModule {
  static forRoot(options: ProgressModuleOptions): DynamicModule {
    return {
      module: ProgressModule,
      controllers: [
        EnrollController,
        ListEnrollmentsController,
        GetEnrollmentController,
        ChangeSkillStatusController,
        UnenrollController,
        TimelineController,
        DashboardController,
        ExportController,
        LearnerProfileController,
        InternalEnrollmentsController,
        KnownSkillsController,
        CompleteOnboardingController,
        RoadmapPublishedConsumer,
        RoadmapRetiredConsumer,
      ],
      providers: [
        { provide: SNAPSHOT_EVERY, useValue: options.snapshotEvery },
        { provide: PROJECTOR_OPTIONS, useValue: options.projector },
        EventStore,
        EnrollmentRepository,
        CatalogRoadmapRepository,
        ApplyPublishedRoadmapHandler,
        EnrollHandler,
        UnenrollHandler,
        ChangeSkillStatusHandler,
        ProgressReadRepository,
        DashboardHandler,
        ExportProgressHandler,
        ProjectionMetrics,
        ProgressProjector,
        RebuildProjectionsHandler,
        IdempotentRequests,
        LearnerProfileRepository,
        LearnerProfileHandler,
        InternalEnrollmentsHandler,
        KnownSkillsHandler,
        CompleteOnboardingHandler,
      ],
    };
  }
}
