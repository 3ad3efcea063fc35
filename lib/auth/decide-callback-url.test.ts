import { describe, expect, it } from 'vitest';
import { decideCallbackUrl } from './decide-callback-url';

describe('decideCallbackUrl', () => {
  it('keeps a local path', () => expect(decideCallbackUrl('/dashboard/users?page=2')).toBe('/dashboard/users?page=2'));
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42, '/login', '/api/auth/signout'])(
    'falls back to the dashboard for %s',
    (raw) => expect(decideCallbackUrl(raw)).toBe('/dashboard'),
  );
});
