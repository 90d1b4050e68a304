import { REVISION_ETAG } from '@pathwise/contracts';
import { ProblemException, problemType } from '@pathwise/platform/http';

/** Editors see a resource's revision as the strong ETag `"r<revision>"` and send it back in If-Match. */
export function revisionTag(revision: number): string {
  return `"r${revision}"`;
}

/**
 * The revision an editor last saw. RFC 6585 §3: a change without If-Match is refused with 428,
 * so no client can overwrite someone else's edit by forgetting the header.
 */
export function expectedRevision(ifMatch: string | undefined): number {
  if (!ifMatch) {
    throw new ProblemException({ type: problemType('precondition-required'), status: 428, detail: 'Send If-Match with the ETag of the version you edited' });
  }
  // Malformed is a bad request (RFC 9110 §15.5.1), not a failed precondition: no revision can match it.
  const match = REVISION_ETAG.exec(ifMatch.trim());
  if (!match) {
    const detail = 'must be an ETag this API issued, like "r12"';
    throw new ProblemException({ type: problemType('validation-failed'), status: 400, title: 'The request is not valid', detail: `If-Match ${detail}`, errors: [{ pointer: '/if-match', in: 'header', detail }] });
  }
  return Number(match[1]);
}

/** RFC 9110 §13.1.1: the editor's copy is not the current one. */
export function stale(detail: string): ProblemException {
  return new ProblemException({ type: problemType('precondition-failed'), status: 412, detail });
}
