import { describe, expect, it } from 'vitest';
import { ARTICLE_ACTIONS, decideCanEdit, decideTransition, type ArticleAction } from './decide-transition';
import type { ArticleStatus, Role } from '@/lib/generated/prisma/enums';

const STATUSES: ArticleStatus[] = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'];
const ROLES: Role[] = ['WRITER', 'EDITOR', 'ADMIN'];

// The whole table, written out: [status, action] → target for editors (null = not allowed).
const EDITOR_TABLE: Record<ArticleStatus, Partial<Record<ArticleAction, ArticleStatus>>> = {
  DRAFT: { submit: 'IN_REVIEW', publish: 'PUBLISHED', schedule: 'SCHEDULED', archive: 'ARCHIVED', trash: 'DRAFT' },
  IN_REVIEW: { withdraw: 'DRAFT', return: 'DRAFT', publish: 'PUBLISHED', schedule: 'SCHEDULED', trash: 'IN_REVIEW' },
  SCHEDULED: { publish: 'PUBLISHED', schedule: 'SCHEDULED', unschedule: 'DRAFT', trash: 'SCHEDULED' },
  PUBLISHED: { unpublish: 'DRAFT', archive: 'ARCHIVED', trash: 'PUBLISHED' },
  ARCHIVED: { unarchive: 'DRAFT', trash: 'ARCHIVED' },
};
const WRITER_OWN_TABLE: Record<ArticleStatus, Partial<Record<ArticleAction, ArticleStatus>>> = {
  DRAFT: { submit: 'IN_REVIEW' },
  IN_REVIEW: { withdraw: 'DRAFT' },
  SCHEDULED: {},
  PUBLISHED: {},
  ARCHIVED: {},
};

describe('decideTransition', () => {
  for (const role of ROLES) {
    for (const status of STATUSES) {
      for (const isOwn of [true, false]) {
        for (const action of ARTICLE_ACTIONS) {
          const table = role === 'WRITER' ? (isOwn ? WRITER_OWN_TABLE : {}) : EDITOR_TABLE;
          const expected = (table as Record<ArticleStatus, Partial<Record<ArticleAction, ArticleStatus>>>)[status]?.[action];
          it(`${role} ${isOwn ? 'own' : 'other'} ${status} ${action} → ${expected ?? 'refused'}`, () => {
            const decision = decideTransition({ status, trashed: false, isOwn }, action, role);
            if (expected) expect(decision).toEqual({ allowed: true, to: expected });
            else {
              expect(decision.allowed).toBe(false);
              if (!decision.allowed) expect(decision.reason.length).toBeGreaterThan(10);
            }
          });
        }
      }
    }
  }

  it('only restore works on a trashed article, and only for editors', () => {
    for (const action of ARTICLE_ACTIONS) {
      const d = decideTransition({ status: 'PUBLISHED', trashed: true, isOwn: true }, action, 'EDITOR');
      expect(d.allowed).toBe(action === 'restore');
    }
    expect(decideTransition({ status: 'DRAFT', trashed: true, isOwn: true }, 'restore', 'WRITER').allowed).toBe(false);
    expect(decideTransition({ status: 'DRAFT', trashed: true, isOwn: true }, 'restore', 'ADMIN')).toEqual({ allowed: true, to: 'DRAFT' });
  });
});

describe('decideCanEdit', () => {
  it('writers edit only their own drafts; editors and admins edit anything not in the trash', () => {
    for (const status of STATUSES) {
      expect(decideCanEdit({ status, trashed: false, isOwn: true }, 'WRITER').allowed).toBe(status === 'DRAFT');
      expect(decideCanEdit({ status, trashed: false, isOwn: false }, 'WRITER').allowed).toBe(false);
      expect(decideCanEdit({ status, trashed: false, isOwn: false }, 'EDITOR').allowed).toBe(true);
      expect(decideCanEdit({ status, trashed: false, isOwn: false }, 'ADMIN').allowed).toBe(true);
      expect(decideCanEdit({ status, trashed: true, isOwn: true }, 'ADMIN').allowed).toBe(false);
    }
  });
});
