import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('when payloads differ only in key order, then the text is the same; undefined members are left out', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});
