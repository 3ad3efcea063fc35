import { isValidSlug } from '@/lib/text/slug';

/**
 * Top-level paths that belong to the app, not to a section: a section with one of these slugs would be
 * unreachable or would hide the app's page. decide-section-slug.test.ts checks the list against app/.
 */
export const RESERVED_TOP_LEVEL_SLUGS: ReadonlySet<string> = new Set([
  'about',
  'api',
  'authors',
  'campaigns',
  'corrections',
  'dashboard',
  'developers',
  'feed',
  'feeds',
  'icon',
  'login',
  'logout',
  'media',
  'newsletters',
  'news-sitemap',
  'page',
  'preview',
  'robots',
  'search',
  'sitemap',
  'sitemaps',
  'tags',
  'favicon',
  'logo',
]);

/** Why a slug cannot be a section's, or null when it can (uniqueness among sections is checked by the caller). */
export function sectionSlugProblem(slug: string): string | null {
  if (!isValidSlug(slug)) return 'Use lower-case letters, digits and single hyphens (at most 80 characters), e.g. "life-sciences".';
  if (RESERVED_TOP_LEVEL_SLUGS.has(slug)) return `“${slug}” is reserved for a page of the site (/${slug}). Choose another slug.`;
  return null;
}
