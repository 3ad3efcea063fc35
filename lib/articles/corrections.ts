import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';

// Corrections, clarifications and updates appended to published articles: their input, labels and the
// pure decisions the reader page, JSON-LD and feeds share. No I/O: tested in corrections.test.ts.

/** What a note appended to a published article is (the CorrectionKind enum of prisma/schema.prisma). */
export const CORRECTION_KINDS = ['CORRECTION', 'CLARIFICATION', 'UPDATE'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** How readers and editors see each kind named. */
export const CORRECTION_KIND_LABEL: Record<CorrectionKind, string> = {
  CORRECTION: 'Correction',
  CLARIFICATION: 'Clarification',
  UPDATE: 'Update',
};

/** Longest correction text: a paragraph, as the Guardian's and the NYT's are, never a second article. */
export const CORRECTION_TEXT_MAX = 2000;

/** Adding a correction: which article, its kind and its plain text. The date is the server's "now". */
export const addCorrectionSchema = z.strictObject({
  articleId: z.string().min(1).max(40),
  kind: z.enum(CORRECTION_KINDS, 'Choose correction, clarification or update.'),
  text: z
    .string()
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .transform((v) => v.trim().replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .min(1, 'Write what was corrected, e.g. “An earlier version of this article said … This has been corrected.”')
        .max(CORRECTION_TEXT_MAX, `At most ${CORRECTION_TEXT_MAX} characters.`),
    ),
});
export type AddCorrectionInput = z.input<typeof addCorrectionSchema>;

/** One correction, by id (withdrawing it). */
export const removeCorrectionSchema = z.strictObject({ correctionId: z.string().min(1).max(40) });

/**
 * How long after adding it a correction may be withdrawn (a typo, the wrong article): after that it has
 * been read, and the honest way to change it is another correction.
 */
export const CORRECTION_WITHDRAW_WINDOW_MS = 15 * 60_000;

/** True while a correction added at `createdAt` may still be withdrawn at `now`. */
export function canWithdrawCorrection(createdAt: Date, now: Date = new Date()): boolean {
  const age = now.getTime() - createdAt.getTime();
  return age >= 0 && age <= CORRECTION_WITHDRAW_WINDOW_MS;
}

/** A correction as readers see it. */
export type ReaderCorrection = { id: string; kind: CorrectionKind; text: string; publishedAt: Date };

/** Newest first (ties: the later id first), without changing the given array. */
export function newestFirst<T extends { id: string; publishedAt: Date }>(corrections: readonly T[]): T[] {
  return [...corrections].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The newest correction of kind CORRECTION, which the note under the standfirst points to; null when there is none. */
export function standfirstNoteOf<T extends { id: string; kind: CorrectionKind; publishedAt: Date }>(corrections: readonly T[]): T | null {
  return newestFirst(corrections).find((c) => c.kind === 'CORRECTION') ?? null;
}

/**
 * When the article last changed for readers: its own modification time or its newest correction,
 * whichever is later, and never before it was published. JSON-LD's dateModified and the feeds use it.
 */
export function lastModifiedOf({ publishedAt, updatedAt, corrections }: { publishedAt: Date; updatedAt: Date; corrections: readonly { publishedAt: Date }[] }): Date {
  const times = [publishedAt.getTime(), updatedAt.getTime(), ...corrections.map((c) => c.publishedAt.getTime())];
  return new Date(Math.max(...times));
}

/** When a feed item last changed for readers: its publication, or its newest correction when later. */
export function feedDateOf(a: { publishedAt: Date | null; updatedAt: Date; corrections: readonly { publishedAt: Date }[] }): Date {
  return new Date(Math.max((a.publishedAt ?? a.updatedAt).getTime(), ...a.corrections.map((c) => c.publishedAt.getTime())));
}

/** The correction as one line of plain text for a feed or a summary: "Correction, 1 December 2026: …". */
export function correctionLine(c: { kind: CorrectionKind; text: string }, date: string): string {
  return `${CORRECTION_KIND_LABEL[c.kind]}, ${date}: ${c.text.replace(/\s+/g, ' ')}`;
}
