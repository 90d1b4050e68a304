export { DomainError, type DomainErrorKind } from './lib/domain-error';
