import { DomainError } from '@pathwise/shared/domain';

export class ResumeNotFoundError extends DomainError {
  readonly code = 'RECOMMENDATION.RESUME_NOT_FOUND';
  readonly kind = 'not-found';

  constructor() {
    super('No such resume among yours');
  }
}
