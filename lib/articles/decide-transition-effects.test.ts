import { describe, expect, it } from 'vitest';
import { decideTransitionEffects } from './decide-transition-effects';

const now = new Date('2026-12-01T12:00:00Z');
const earlier = new Date('2026-11-30T12:00:00Z');
const later = new Date('2026-12-02T12:00:00Z');
const draft = { status: 'DRAFT' as const, publishedAt: null, scheduledAt: null, deletedAt: null };
const live = { status: 'PUBLISHED' as const, publishedAt: earlier, scheduledAt: null, deletedAt: null };

describe('decideTransitionEffects', () => {
  it('publishing stamps the time, drops a schedule and changes what readers see', () => {
    expect(decideTransitionEffects({ before: { ...draft, status: 'SCHEDULED', scheduledAt: later }, action: 'publish', to: 'PUBLISHED', now })).toEqual({
      ok: true,
      patch: { status: 'PUBLISHED', publishedAt: now, scheduledAt: null },
      readersSeeChange: true,
    });
  });
  it('scheduling needs a time in the future and changes nothing readers see', () => {
    expect(decideTransitionEffects({ before: draft, action: 'schedule', to: 'SCHEDULED', now })).toMatchObject({ ok: false, field: 'scheduledAt' });
    expect(decideTransitionEffects({ before: draft, action: 'schedule', to: 'SCHEDULED', scheduledAt: now, now })).toMatchObject({ ok: false });
    expect(decideTransitionEffects({ before: draft, action: 'schedule', to: 'SCHEDULED', scheduledAt: later, now })).toEqual({
      ok: true,
      patch: { status: 'SCHEDULED', scheduledAt: later },
      readersSeeChange: false,
    });
  });
  it('unpublishing and unscheduling drop the schedule; only unpublishing is seen by readers', () => {
    expect(decideTransitionEffects({ before: live, action: 'unpublish', to: 'DRAFT', now })).toEqual({ ok: true, patch: { status: 'DRAFT', scheduledAt: null }, readersSeeChange: true });
    expect(decideTransitionEffects({ before: { ...draft, status: 'SCHEDULED', scheduledAt: later }, action: 'unschedule', to: 'DRAFT', now })).toMatchObject({ readersSeeChange: false });
  });
  it('trash and restore keep the status; readers see it only for a published article', () => {
    expect(decideTransitionEffects({ before: live, action: 'trash', to: 'PUBLISHED', now })).toEqual({ ok: true, patch: { status: 'PUBLISHED', deletedAt: now }, readersSeeChange: true });
    expect(decideTransitionEffects({ before: { ...live, deletedAt: earlier }, action: 'restore', to: 'PUBLISHED', now })).toMatchObject({ patch: { deletedAt: null }, readersSeeChange: true });
    expect(decideTransitionEffects({ before: { ...draft, deletedAt: earlier }, action: 'restore', to: 'DRAFT', now })).toMatchObject({ readersSeeChange: false });
  });
  it('a published article with a future publishedAt is not visible before or after a workflow step that keeps it so', () => {
    expect(decideTransitionEffects({ before: { ...live, publishedAt: later }, action: 'archive', to: 'ARCHIVED', now })).toMatchObject({ readersSeeChange: false });
  });
  it('archiving a live article is seen by readers; submitting a draft is not', () => {
    expect(decideTransitionEffects({ before: live, action: 'archive', to: 'ARCHIVED', now })).toMatchObject({ readersSeeChange: true });
    expect(decideTransitionEffects({ before: draft, action: 'submit', to: 'IN_REVIEW', now })).toMatchObject({ readersSeeChange: false });
  });
});
