import { DomainError } from '@pathwise/shared/domain';

export class NotEnrolledError extends DomainError {
  readonly code = 'RECOMMENDATION.NOT_ENROLLED';
  readonly kind = 'not-found';

  constructor(roadmapIdOrSlug: string) {
    super(`You are not enrolled in ${roadmapIdOrSlug}, or its roadmap has not reached this service yet`, { roadmapId: roadmapIdOrSlug });
  }
}

export class RoadmapNotFoundError extends DomainError {
  readonly code = 'RECOMMENDATION.ROADMAP_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(roadmapIdOrSlug: string) {
    super(`No published roadmap ${roadmapIdOrSlug}`, { roadmapId: roadmapIdOrSlug });
  }
}
