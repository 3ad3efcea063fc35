import { createHash } from 'node:crypto';

/**
 * What an export says, once read: the same shape for WordPress and Ghost, so one import (lib/import)
 * writes both. Dates are ISO strings and everything is plain JSON, so `checksumOf` sees exactly what
 * the import writes from. Each `sourceId` is the source's own id: the key of ImportedItem.
 */

export type SourceName = 'wordpress' | 'ghost';

/** An image the export points at, with the words that go with it. */
export type SourceImage = { url: string; alt: string; caption: string };

export type SourceSection = { sourceId: string; name: string; slug: string; description: string | null; oldUrls: string[] };
export type SourceAuthor = {
  sourceId: string;
  name: string;
  slug: string;
  bio: string | null;
  photo: SourceImage | null;
  oldUrls: string[];
};
export type SourceTag = { sourceId: string; name: string; slug: string; oldUrls: string[] };

export type SourceStatus = 'PUBLISHED' | 'SCHEDULED' | 'DRAFT' | 'IN_REVIEW';

/** A post or page as the import will write it (`kind: 'page'` becomes a standing page). */
export type SourcePost = {
  sourceId: string;
  kind: 'post' | 'page';
  status: SourceStatus;
  headline: string;
  /** A valid slug (lib/text/slug.ts). */
  slug: string;
  standfirst: string;
  html: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
  /** The source id of its section (a WordPress category, a Ghost primary tag), or null for the default. */
  sectionSourceId: string | null;
  authorSourceIds: string[];
  tagSourceIds: string[];
  featuredImage: SourceImage | null;
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  /** Its addresses on the old site (absolute URLs or paths), for 301s once it is public. */
  oldUrls: string[];
  /** What the mapping changed or left out, for the report. */
  notes: string[];
};

/** One line of the report: a code to group by, a message for a person, and the item it is about. */
export type ImportWarning = { code: string; message: string; item?: string };

/** What reading an item gave: a post to import, or a reason it is not imported. */
export type MappedItem = { post: SourcePost } | { skip: ImportWarning | null };

/** A stable hash of an item as read: the same export gives the same checksum, any change another. */
export function checksumOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/** Text cut to `max` characters, and a note saying so when it was cut. */
export function clipText(value: string, max: number, what: string, notes: string[]): string {
  const trimmed = storable(value).trim();
  if (trimmed.length <= max) return trimmed;
  notes.push(`${what} was ${trimmed.length.toLocaleString('en')} characters; cut to ${max.toLocaleString('en')}.`);
  return trimmed.slice(0, max).trim();
}

/** Text PostgreSQL can store: no NUL, no lone surrogate (replaced by U+FFFD). */
export function storable(value: string): string {
  return value.replace(/\u0000/g, '').toWellFormed();
}

/** Plain text of a little HTML (an excerpt, a caption): tags and entities gone, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => safeCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '';
}

/** An ISO date from a source date string, or null when there is none, it does not parse, or its year is not four digits. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value || value.startsWith('0000-00-00')) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  // Years outside 1000–9999 are typing errors or placeholders, and have no ISO form a schema accepts.
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1000 || year > 9999 ? null : date.toISOString();
}
