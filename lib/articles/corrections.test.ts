import { describe, expect, it } from 'vitest';
import { addCorrectionSchema, canWithdrawCorrection, CORRECTION_TEXT_MAX, correctionLine, feedDateOf, lastModifiedOf, newestFirst, standfirstNoteOf } from './corrections';

const at = (iso: string) => new Date(iso);

describe('addCorrectionSchema', () => {
  it('trims the text, normalises line ends and keeps the kind', () => {
    expect(addCorrectionSchema.parse({ articleId: 'a1', kind: 'CORRECTION', text: '  An earlier version said 12.\r\nIt is 21.  ' })).toEqual({
      articleId: 'a1',
      kind: 'CORRECTION',
      text: 'An earlier version said 12.\nIt is 21.',
    });
  });

  it('refuses empty, too long and unstorable text, unknown kinds and unknown keys', () => {
    expect(addCorrectionSchema.safeParse({ articleId: 'a1', kind: 'UPDATE', text: '   ' }).success).toBe(false);
    expect(addCorrectionSchema.safeParse({ articleId: 'a1', kind: 'UPDATE', text: 'x'.repeat(CORRECTION_TEXT_MAX + 1) }).success).toBe(false);
    expect(addCorrectionSchema.safeParse({ articleId: 'a1', kind: 'UPDATE', text: 'bad \u0000 text' }).success).toBe(false);
    expect(addCorrectionSchema.safeParse({ articleId: 'a1', kind: 'RETRACTION', text: 'text' }).success).toBe(false);
    expect(addCorrectionSchema.safeParse({ articleId: 'a1', kind: 'UPDATE', text: 'text', publishedAt: '2020-01-01' }).success).toBe(false);
  });

  it('keeps markup as the text it is (it is rendered as text, never as HTML)', () => {
    expect(addCorrectionSchema.parse({ articleId: 'a1', kind: 'UPDATE', text: '<script>alert(1)</script>' }).text).toBe('<script>alert(1)</script>');
  });
});

describe('ordering and the standfirst note', () => {
  const list = [
    { id: 'a', kind: 'CORRECTION' as const, publishedAt: at('2026-12-01T10:00:00Z') },
    { id: 'b', kind: 'UPDATE' as const, publishedAt: at('2026-12-02T10:00:00Z') },
    { id: 'c', kind: 'CLARIFICATION' as const, publishedAt: at('2026-12-01T10:00:00Z') },
  ];

  it('lists newest first, ties by id, without changing the input', () => {
    expect(newestFirst(list).map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(list.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('points the standfirst note at the newest correction proper, not at updates or clarifications', () => {
    expect(standfirstNoteOf(list)?.id).toBe('a');
    expect(standfirstNoteOf(list.filter((c) => c.kind !== 'CORRECTION'))).toBeNull();
  });
});

describe('lastModifiedOf', () => {
  it('is the latest of publication, modification and corrections', () => {
    const publishedAt = at('2026-11-01T00:00:00Z');
    expect(lastModifiedOf({ publishedAt, updatedAt: at('2026-11-02T00:00:00Z'), corrections: [] })).toEqual(at('2026-11-02T00:00:00Z'));
    expect(lastModifiedOf({ publishedAt, updatedAt: at('2026-11-02T00:00:00Z'), corrections: [{ publishedAt: at('2026-11-05T00:00:00Z') }] })).toEqual(at('2026-11-05T00:00:00Z'));
    expect(lastModifiedOf({ publishedAt, updatedAt: at('2026-10-01T00:00:00Z'), corrections: [] })).toEqual(publishedAt);
  });
});

describe('correctionLine', () => {
  it('names the kind and date and flattens the text to one line', () => {
    expect(correctionLine({ kind: 'CLARIFICATION', text: 'Line one.\nLine two.' }, '1 December 2026')).toBe('Clarification, 1 December 2026: Line one. Line two.');
  });
});

describe('feedDateOf', () => {
  it('is the publication date until a later correction moves it', () => {
    const publishedAt = at('2026-11-01T00:00:00Z');
    expect(feedDateOf({ publishedAt, updatedAt: at('2026-11-03T00:00:00Z'), corrections: [] })).toEqual(publishedAt);
    expect(feedDateOf({ publishedAt, updatedAt: publishedAt, corrections: [{ publishedAt: at('2026-11-04T00:00:00Z') }] })).toEqual(at('2026-11-04T00:00:00Z'));
  });
});

describe('canWithdrawCorrection', () => {
  it('allows withdrawing for 15 minutes after adding, never after nor before', () => {
    const added = at('2026-12-01T10:00:00Z');
    expect(canWithdrawCorrection(added, at('2026-12-01T10:00:00Z'))).toBe(true);
    expect(canWithdrawCorrection(added, at('2026-12-01T10:15:00Z'))).toBe(true);
    expect(canWithdrawCorrection(added, at('2026-12-01T10:15:01Z'))).toBe(false);
    expect(canWithdrawCorrection(added, at('2026-12-01T09:59:59Z'))).toBe(false);
  });
});
