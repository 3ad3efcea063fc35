import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertCan, CAPABILITIES, can, roleCan, rolesWith } from './permissions';

describe('role capabilities', () => {
  it('lets a writer create, edit their own and submit, upload images, but not publish or manage', () => {
    for (const c of ['access:dashboard', 'create:article', 'edit:own-article', 'submit:article', 'upload:media'] as const) expect(roleCan('WRITER', c)).toBe(true);
    for (const c of ['edit:any-article', 'publish:article', 'schedule:article', 'unpublish:article', 'trash:article', 'manage:media', 'manage:sections', 'manage:campaigns', 'manage:authors', 'manage:pages', 'manage:users', 'read:audit-log'] as const)
      expect(roleCan('WRITER', c)).toBe(false);
  });
  it('lets an editor publish and manage content, but not users or the audit log', () => {
    for (const c of ['edit:any-article', 'publish:article', 'schedule:article', 'unpublish:article', 'archive:article', 'trash:article', 'manage:media', 'manage:sections', 'manage:campaigns', 'manage:authors', 'manage:pages'] as const)
      expect(roleCan('EDITOR', c)).toBe(true);
    expect(roleCan('EDITOR', 'manage:users')).toBe(false);
    expect(roleCan('EDITOR', 'read:audit-log')).toBe(false);
  });
  it('lets an admin do everything', () => {
    for (const c of CAPABILITIES) expect(roleCan('ADMIN', c)).toBe(true);
  });
  it('gives anonymous visitors nothing', () => {
    for (const c of CAPABILITIES) expect(can(null, c)).toBe(false);
  });
  it('lists the roles holding a capability', () => {
    expect(rolesWith('manage:users')).toEqual(['ADMIN']);
    expect(rolesWith('manage:sections').sort()).toEqual(['ADMIN', 'EDITOR']);
    expect(rolesWith('upload:media').sort()).toEqual(['ADMIN', 'EDITOR', 'WRITER']);
  });
  it('lets only editors and admins return articles to writers; everyone may share what they may see', () => {
    expect(rolesWith('review:article')).toEqual(['EDITOR', 'ADMIN']);
    expect(rolesWith('share:article')).toEqual(['WRITER', 'EDITOR', 'ADMIN']);
  });
  it('assertCan throws FORBIDDEN for a missing capability and for nobody', () => {
    expect(() => assertCan({ role: 'WRITER' }, 'publish:article')).toThrow(AppError);
    expect(() => assertCan(null, 'access:dashboard')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCan({ role: 'EDITOR' }, 'publish:article')).not.toThrow();
  });
});
