import { DomainError } from '@pathwise/shared/domain';

/** Why a resume could not be read; stable, clients may branch on it. */
export type ResumeUnreadableReason = 'timeout' | 'too-large' | 'malformed' | 'encrypted' | 'too-many-pages' | 'zip-bomb' | 'unsupported-type' | 'content-deleted';

export class ResumeUnreadableError extends DomainError {
  readonly code = 'RECOMMENDATION.RESUME_UNREADABLE';
  readonly kind = 'invalid';

  constructor(
    readonly reason: ResumeUnreadableReason,
    detail: string,
  ) {
    super(`The resume could not be read: ${detail}`, { reason });
  }
}
