import { Module } from '@nestjs/common';
import { CatalogBrowseController } from './catalog/catalog-browse.controller';
import { CatalogEditorController } from './catalog/catalog-editor.controller';
import { LearnerDashboardController } from './learner-dashboard/learner-dashboard.controller';
import { ProgressController } from './progress/progress.controller';
import { RecommendationController } from './recommendation/recommendation.controller';
import { OnboardingController } from './onboarding/onboarding.controller';
import { ResumeController } from './resumes/resume.controller';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

/** The public /v1 API over the services. */
@Module({
  controllers: [CatalogBrowseController, CatalogEditorController, ProgressController, RecommendationController, ResumeController, OnboardingController, LearnerDashboardController],
  providers: [IdempotencyInterceptor],
})
export class ApiModule {}
