/**
 * Which reader pages a change may alter, as the ids and slugs of what it touched. `lists`: whether
 * lists everywhere (front page, feeds, sitemaps, related links) may show it differently, as publishing,
 * unpublishing or editing what a published article's card shows does. `modified`: whether only the
 * pages that show when articles last changed (feeds, sitemaps) must follow, as a fix to a published
 * article's body alone needs. `corrections`: whether the corrections page and its feed may change, as
 * adding a correction does. `newsletters`: whether the newsletter sign-up forms (front page, section
 * fronts, articles) may change, as adding, renaming or disabling a newsletter does. Pure: the change record stores it, the cache purges it.
 */
export type ContentScope = {
  articleIds: string[];
  sectionSlugs: string[];
  authorSlugs: string[];
  campaignSlugs: string[];
  tagSlugs: string[];
  /** Standing pages (lib/pages) whose own page shows the change. */
  pageSlugs: string[];
  lists: boolean;
  modified: boolean;
  corrections: boolean;
  newsletters: boolean;
};

/** A scope with the given parts and nothing else (`lists`, `modified`, `corrections` and `newsletters` default to false). */
export function contentScope(parts: Partial<ContentScope>): ContentScope {
  return {
    articleIds: parts.articleIds ?? [],
    sectionSlugs: parts.sectionSlugs ?? [],
    authorSlugs: parts.authorSlugs ?? [],
    campaignSlugs: parts.campaignSlugs ?? [],
    tagSlugs: parts.tagSlugs ?? [],
    pageSlugs: parts.pageSlugs ?? [],
    lists: parts.lists ?? false,
    modified: parts.modified ?? false,
    corrections: parts.corrections ?? false,
    newsletters: parts.newsletters ?? false,
  };
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** Everything either scope touches. */
export function mergeScopes(a: ContentScope, b: ContentScope): ContentScope {
  return {
    articleIds: union(a.articleIds, b.articleIds),
    sectionSlugs: union(a.sectionSlugs, b.sectionSlugs),
    authorSlugs: union(a.authorSlugs, b.authorSlugs),
    campaignSlugs: union(a.campaignSlugs, b.campaignSlugs),
    tagSlugs: union(a.tagSlugs, b.tagSlugs),
    pageSlugs: union(a.pageSlugs, b.pageSlugs),
    lists: a.lists || b.lists,
    modified: a.modified || b.modified,
    corrections: Boolean(a.corrections || b.corrections),
    newsletters: Boolean(a.newsletters || b.newsletters),
  };
}
