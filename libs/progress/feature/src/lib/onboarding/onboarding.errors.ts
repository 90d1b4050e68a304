import { DomainError } from '@pathwise/shared/domain';

export class IdempotencyKeyRequiredError extends DomainError {
  readonly code = 'PROGRESS.IDEMPOTENCY_KEY_REQUIRED';
  readonly kind = 'invalid';

  constructor(reason: string) {
    super(`The Idempotency-Key header ${reason}`, { field: 'Idempotency-Key' });
  }
}

/** The key was used before for another operation or another body: answering the first would hide a bug. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'PROGRESS.IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'invalid';

  constructor() {
    super('This Idempotency-Key was already used with a different request');
  }
}

export class LearnerProfileNotFoundError extends DomainError {
  readonly code = 'PROGRESS.PROFILE_NOT_FOUND';
  readonly kind = 'not-found';

  constructor() {
    super('The learner has no profile');
  }
}
