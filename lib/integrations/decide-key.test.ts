import { describe, expect, it } from 'vitest';
import { generateKey, hashSecret, keyOfRequest, parseKey, secretMatches } from './decide-key';

describe('integration keys', () => {
  it('generates a key whose text parses back to its scope, id and a secret matching the stored hash', () => {
    const made = generateKey('admin');
    expect(made.key).toMatch(/^mh_admin_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseKey(made.key)!;
    expect(parsed).toMatchObject({ scope: 'admin', publicId: made.publicId });
    expect(secretMatches(parsed.secret, made.secretHash)).toBe(true);
    expect(made.secretHash).not.toContain(parsed.secret);
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateKey('content').key));
    expect(keys.size).toBe(200);
  });

  it('refuses a wrong secret, and text that is not a key', () => {
    const made = generateKey('content');
    const other = parseKey(generateKey('content').key)!;
    expect(secretMatches(other.secret, made.secretHash)).toBe(false);
    expect(secretMatches('x', 'not-hex')).toBe(false);
    for (const text of [
      '',
      'mh_content_',
      'mh_super_abcdefghijkm_' + 'a'.repeat(43),
      made.key + 'x',
      made.key.replace('mh_', 'gh_'),
      ' ' + made.key,
    ]) {
      expect(parseKey(text), text).toBeNull();
    }
  });

  it('stores SHA-256 of the secret, hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('keyOfRequest', () => {
  const url = new URL('http://localhost/api/v1/articles?key=from-query');

  it('takes a Bearer key from the Authorization header first', () => {
    expect(keyOfRequest(new Headers({ authorization: 'Bearer mh_x' }), url, { allowQuery: true })).toBe('mh_x');
    expect(keyOfRequest(new Headers({ authorization: 'bearer  mh_x ' }), url, { allowQuery: false })).toBe('mh_x');
  });

  it('says when the header is there but is not a Bearer key', () => {
    expect(keyOfRequest(new Headers({ authorization: 'Basic dXNlcjpwYXNz' }), url, { allowQuery: true })).toEqual({ malformed: true });
  });

  it('accepts ?key= only where the caller allows it (the read-only Content API)', () => {
    expect(keyOfRequest(new Headers(), url, { allowQuery: true })).toBe('from-query');
    expect(keyOfRequest(new Headers(), url, { allowQuery: false })).toBeNull();
    expect(keyOfRequest(new Headers(), new URL('http://localhost/api/v1/articles'), { allowQuery: true })).toBeNull();
  });
});
