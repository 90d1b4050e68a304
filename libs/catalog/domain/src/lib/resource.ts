import { InvalidField, InvalidResourceUrl } from './catalog.errors';
import { requireOneOf, requireText } from './fields';

export const RESOURCE_TYPES = ['article', 'course', 'video', 'book', 'docs'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A free or paid learning link attached to a skill in a roadmap. Identified by its normalized URL. */
export interface Resource {
  readonly title: string;
  readonly url: string;
  readonly type: ResourceType;
  readonly free: boolean;
}

const MAX_URL_LENGTH = 2048;

// Names that only resolve inside a network: RFC 6761 (localhost), RFC 6762 (.local),
// RFC 8375 (home.arpa), ICANN's reserved .internal, and suffixes in wide private use.
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'arpa', 'lan', 'home', 'corp', 'intranet'];

export function createResource(input: Resource): Resource {
  if (typeof input.free !== 'boolean') throw new InvalidField('free', 'must be true or false');
  return {
    title: requireText('title', input.title, { max: 200 }),
    url: parseResourceUrl(input.url),
    type: requireOneOf('type', input.type, RESOURCE_TYPES),
    free: input.free,
  };
}

/**
 * Accepts public http(s) links only and returns them normalized. Learners' browsers open these
 * links and services may fetch them (previews), so anything that could reach an internal
 * address is refused (OWASP SSRF prevention). This check is static: a public name can still
 * resolve to a private address, so whatever fetches a URL must also check the address it connects to.
 */
export function parseResourceUrl(raw: string): string {
  if (typeof raw !== 'string') throw new InvalidResourceUrl('malformed');
  if ([...raw].length > MAX_URL_LENGTH) throw new InvalidResourceUrl('too-long');
  // WHATWG parsing canonicalizes hosts first: 2130706433, 0x7f.1 and 0177.0.0.1 all become 127.0.0.1.
  const url = URL.parse(raw);
  if (!url) throw new InvalidResourceUrl('malformed');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidResourceUrl('scheme-not-allowed');
  if (url.username || url.password) throw new InvalidResourceUrl('credentials');

  const host = url.hostname.replace(/\.$/, '');
  // Every address literal is refused, not just private ranges: curated resources live on named
  // hosts, and a list of special-purpose ranges (RFC 6890) is easy to get subtly wrong.
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) throw new InvalidResourceUrl('ip-address');
  const lastLabel = host.slice(host.lastIndexOf('.') + 1);
  if (!host.includes('.') || INTERNAL_SUFFIXES.includes(lastLabel)) throw new InvalidResourceUrl('internal-host');
  return url.href;
}
