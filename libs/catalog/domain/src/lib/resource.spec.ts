import { createResource, parseResourceUrl } from '../index';
import { domainErrorFrom } from '../testing';

describe('resource URLs', () => {
  it.each([
    ['an https documentation page', 'https://www.postgresql.org/docs/', 'https://www.postgresql.org/docs/'],
    ['an http page', 'http://example.com/guide', 'http://example.com/guide'],
    ['a page with a port, query and fragment', 'https://docs.example.org:8443/a?b=1#c', 'https://docs.example.org:8443/a?b=1#c'],
    ['mixed case and surrounding spaces', '  HTTPS://Git-SCM.com/doc ', 'https://git-scm.com/doc'],
    ['an internationalized host', 'https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['a fully qualified name with a trailing dot', 'https://example.com./', 'https://example.com./'],
  ])('when the URL is %s, then it is accepted and normalized', (_, raw, normalized) => {
    expect(parseResourceUrl(raw)).toBe(normalized);
  });

  it.each([
    ['not a URL', 'postgresql docs', 'malformed'],
    ['relative', '/docs/intro', 'malformed'],
    ['longer than 2048 characters', `https://example.com/${'a'.repeat(2048)}`, 'too-long'],
    ['javascript:', 'javascript:alert(document.cookie)', 'scheme-not-allowed'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'scheme-not-allowed'],
    ['file:', 'file:///etc/passwd', 'scheme-not-allowed'],
    ['ftp:', 'ftp://ftp.example.com/file', 'scheme-not-allowed'],
    ['with a user and password', 'https://admin:secret@example.com/', 'credentials'],
    ['with a user only', 'https://token@example.com/', 'credentials'],
    ['localhost', 'http://localhost:8080/admin', 'internal-host'],
    ['localhost with a trailing dot', 'http://LOCALHOST./', 'internal-host'],
    ['localhost hidden by percent-encoding', 'http://loc%61lhost/', 'internal-host'],
    ['a subdomain of localhost', 'http://api.localhost/', 'internal-host'],
    ['loopback 127.0.0.1', 'http://127.0.0.1/', 'ip-address'],
    ['loopback elsewhere in 127/8', 'http://127.45.1.9:9000/', 'ip-address'],
    ['IPv6 loopback', 'http://[::1]/', 'ip-address'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/', 'ip-address'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'ip-address'],
    ['link-local 169.254/16', 'http://169.254.10.20/', 'ip-address'],
    ['private 10/8', 'http://10.1.2.3/', 'ip-address'],
    ['private 172.16/12', 'http://172.20.0.5/', 'ip-address'],
    ['private 192.168/16', 'https://192.168.1.1/', 'ip-address'],
    ['unique-local IPv6 fc00::/7', 'http://[fd12:3456:789a::1]/', 'ip-address'],
    ['link-local IPv6 fe80::/10', 'http://[fe80::1]/', 'ip-address'],
    ['the unspecified address 0.0.0.0', 'http://0.0.0.0:3000/', 'ip-address'],
    ['a decimal-encoded IPv4', 'http://2130706433/', 'ip-address'],
    ['a hex-encoded IPv4', 'http://0x7f000001/', 'ip-address'],
    ['an octal-encoded IPv4', 'http://0177.0.0.1/', 'ip-address'],
    ['a shortened IPv4', 'http://127.1/', 'ip-address'],
    ['a public IPv4 literal', 'https://93.184.215.14/', 'ip-address'],
    ['a single-label host', 'http://intranet/wiki', 'internal-host'],
    ['a .internal name', 'https://metadata.google.internal/computeMetadata/v1/', 'internal-host'],
    ['a .local name', 'http://printer.local/', 'internal-host'],
    ['a home.arpa name', 'http://nas.home.arpa/', 'internal-host'],
  ])('when the URL is %s, then it is refused with that reason', (_, raw, reason) => {
    const error = domainErrorFrom(() => parseResourceUrl(raw));

    expect(error).toMatchObject({ code: 'CATALOG.INVALID_RESOURCE_URL', kind: 'invalid', details: { reason } });
    expect(JSON.stringify(error.details)).not.toContain('secret');
  });
});

describe('createResource', () => {
  it('when the input is valid, then the resource keeps a trimmed title and a normalized URL', () => {
    expect(createResource({ title: ' Git documentation ', url: 'https://GIT-SCM.com/doc', type: 'docs', free: true })).toEqual({
      title: 'Git documentation',
      url: 'https://git-scm.com/doc',
      type: 'docs',
      free: true,
    });
  });

  it.each([
    ['an empty title', { title: '' }, 'title'],
    ['an unknown type', { type: 'podcast' as never }, 'type'],
    ['a free flag that is not a boolean', { free: 'yes' as never }, 'free'],
  ])('when given %s, then it is refused naming the field', (_, overrides, field) => {
    const input = { title: 'Git documentation', url: 'https://git-scm.com/doc', type: 'docs' as const, free: true, ...overrides };

    expect(domainErrorFrom(() => createResource(input))).toMatchObject({ code: 'CATALOG.INVALID_FIELD', details: { field } });
  });
});
