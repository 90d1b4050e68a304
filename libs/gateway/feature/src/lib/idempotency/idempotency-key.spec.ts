import { fingerprint, IDEMPOTENCY_KEY_PATTERN, parseIdempotencyKey, scopedKey } from './idempotency-key';

describe('Idempotency-Key parsing', () => {
  it('when the key is a quoted sf-string, then its content is the key', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toEqual({ ok: true, key: '8e03978e-40d5-43e8-bc93-6894a57f9324' });
  });

  it.each([
    ['unquoted', 'abc'],
    ['empty', '""'],
    ['over 255 characters', `"${'k'.repeat(256)}"`],
    ['with a control character', '"a\u0001b"'],
    ['with an inner quote', '"a"b"'],
    ['with a backslash', '"a\\b"'],
    ['with non-ASCII', '"clé"'],
  ])('when the key is %s, then it is refused', (_case, header) => {
    expect(parseIdempotencyKey(header)).toMatchObject({ ok: false });
  });

  it('when the header is absent, then there is no key', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('when two principals use the same key, then the scoped keys differ', () => {
    expect(scopedKey('user-a', 'k')).not.toBe(scopedKey('user-b', 'k'));
  });

  it('when payloads differ only in key order, then the fingerprints are equal; other bodies or paths differ', () => {
    expect(fingerprint('POST', '/v1/x', { a: 1, b: 2 })).toBe(fingerprint('POST', '/v1/x', { b: 2, a: 1 }));
    expect(fingerprint('POST', '/v1/x', { a: 1 })).not.toBe(fingerprint('POST', '/v1/x', { a: 2 }));
    expect(fingerprint('POST', '/v1/x', { a: 1 })).not.toBe(fingerprint('POST', '/v1/y', { a: 1 }));
  });

  it.each([['"a"'], ['"8e03978e-40d5-43e8-bc93-6894a57f9324"'], [`"${'k'.repeat(255)}"`], ['""'], [`"${'k'.repeat(256)}"`], ['a'], ['"a\\b"'], ['"a"b"'], ['"ü"'], ['"a"\n']])(
    'when %j is checked by the documented pattern and by the parser, then both give the same verdict',
    (header) => {
      expect(new RegExp(IDEMPOTENCY_KEY_PATTERN, 'u').test(header)).toBe(parseIdempotencyKey(header)?.ok === true);
    },
  );
});
