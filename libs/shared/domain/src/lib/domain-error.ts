/**
 * What kind of rule a domain error breaks. The HTTP edge maps each kind to one status, so the
 * domain never speaks HTTP but clients still get a precise answer.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'precondition-failed';

/**
 * Base class for every broken business rule. `code` is stable and namespaced by service
 * (`PROGRESS.SKILL_NOT_IN_ROADMAP`) so clients and logs can rely on it across releases.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(message: string, readonly details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = new.target.name;
  }
}
