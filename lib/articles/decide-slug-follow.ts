import { slugify } from '@/lib/text/slug';

/**
 * The base the slug follows when it is the headline's slug, or that slug numbered because another
 * article of the section had it ("heat-pumps-2"): null when the slug was chosen by hand.
 */
export function followedBase(slug: string, headline: string): string | null {
  const base = slugify(headline);
  if (!base) return null;
  if (slug === base) return base;
  return slug.startsWith(`${base}-`) && /^\d+$/.test(slug.slice(base.length + 1)) ? base : null;
}

/** True when headline edits should rename the slug: it is the headline's, numbered or not. */
export function slugFollowsHeadline(slug: string, headline: string): boolean {
  return followedBase(slug, headline) !== null;
}

/**
 * The slug after a headline edit, for a slug that follows the headline: the new headline's, except
 * that a numbered slug keeps its number while the headline's slug stays the same (fixing a typo must
 * not take the article back to a slug that is taken).
 */
export function followedSlug(current: string, before: string, after: string): string {
  const next = slugify(after);
  return slugify(before) === next ? current : next;
}

/** What the editor is told when its slug is numbered: the headline's slug was taken in the section. */
export function numberedSlugNote(slug: string, headline: string): string | null {
  const base = followedBase(slug, headline);
  if (!base || base === slug) return null;
  return `Another article in this section already has the address “${base}”, so this one is “${slug}”. It still follows the headline; type a slug to choose your own.`;
}
