/**
 * Every URL shape of Masthead in one place: reader pages, feeds, sitemaps, media, share links and the
 * dashboard. Pages, components, feeds and sitemaps build their links here, never by concatenation.
 *
 * Pure functions with no imports, so client components use them too (nothing server-only, no env).
 * Each slug, key, id or token is one path segment, percent-encoded: the slugs, storage keys and tokens
 * Masthead stores are plain `[a-z0-9-]`, hex and base64url, which encoding leaves as they are.
 */

const segment = (value: string): string => encodeURIComponent(value);

type Query = Record<string, string | undefined> | URLSearchParams;

/** `path` with `query` as its search string (form encoding, undefined values left out); `path` alone when empty. */
export function withQuery(path: string, query: Query = {}): string {
  const search =
    query instanceof URLSearchParams
      ? query
      : new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Page `page` of the list at `path`: page 1 is `path` itself, later pages add `page=N` after `params`. */
export function withPage(path: string, page = 1, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params);
  if (page > 1) search.set('page', String(page));
  return withQuery(path, search);
}

/**
 * Page `page` of a reader list at `path` (front, section, author, tag): page 1 is `path` itself, later
 * pages are `<path>/page/N`, a path of their own that caches and crawlers treat as one page
 * (next.config.js rewrites it to `?page=N`; proxy.ts answers the old `?page=N` with a 301).
 */
export function listPagePath(path: string, page = 1): string {
  if (page <= 1) return path;
  return `${path === '/' ? '' : path}/page/${page}`;
}

/** The list path and page number of a `<path>/page/N` path, or null when it is not one. */
export function parseListPagePath(pathname: string): { path: string; page: number } | null {
  const match = /^(\/(?:authors\/|tags\/)?[^/]+)?\/page\/(\d{1,7})$/.exec(pathname);
  if (!match) return null;
  return { path: match[1] ?? '/', page: Number(match[2]) };
}

/** The front page, or page `page` of its latest news. */
export function homePath(page = 1): string {
  return listPagePath('/', page);
}

/** A section front, or page `page` of it. */
export function sectionPath(slug: string, page = 1): string {
  return listPagePath(`/${segment(slug)}`, page);
}

/** An article as routes need it: its slug and its section's, flat (search hits) or nested (queries' articles). */
export type ArticleRef = { sectionSlug: string; slug: string } | { section: { slug: string }; slug: string };

/** An article's reader page: `/<section>/<slug>`. */
export function articlePath(article: ArticleRef): string {
  const sectionSlug = 'sectionSlug' in article ? article.sectionSlug : article.section.slug;
  return `/${segment(sectionSlug)}/${segment(article.slug)}`;
}

/** An author's page, or page `page` of their articles. */
export function authorPath(slug: string, page = 1): string {
  return listPagePath(`/authors/${segment(slug)}`, page);
}

/** A campaign's page (one page: every article of the series). */
export function campaignPath(slug: string): string {
  return `/campaigns/${segment(slug)}`;
}

/** A tag's page, or page `page` of its articles. */
export function tagPath(slug: string, page = 1): string {
  return listPagePath(`/tags/${segment(slug)}`, page);
}

/** The slug of the standing page served at `/about` itself; every other standing page is `/about/<slug>`. */
export const ABOUT_PAGE_SLUG = 'about';

/** A standing page (lib/pages): `/about` for the page with the slug `about`, `/about/<slug>` for the others. */
export function standingPagePath(slug: string): string {
  return slug === ABOUT_PAGE_SLUG ? '/about' : `/about/${segment(slug)}`;
}

/** The corrections page, or page `page` of it: every correction, clarification and update, newest first. */
export function correctionsPath(page = 1): string {
  return listPagePath('/corrections', page);
}

/** The RSS feed of corrections. */
export const CORRECTIONS_FEED_PATH = '/feeds/corrections';

/** The id of the corrections box at an article's foot, for links to it (`#corrections`). */
export const CORRECTIONS_ANCHOR = 'corrections';

/** The id of one correction at an article's foot. */
export function correctionAnchor(correctionId: string): string {
  return `correction-${correctionId}`;
}

/** One correction at its article's foot: `/<section>/<slug>#correction-<id>`. */
export function correctionPath(article: ArticleRef, correctionId: string): string {
  return `${articlePath(article)}#${correctionAnchor(correctionId)}`;
}

/** The search page; with a query, its results (page `page` of them). */
export function searchPath(q = '', page = 1): string {
  return withPage('/search', page, q ? { q } : {});
}

/** The search URL with a literal `{name}` placeholder for the query, for schema.org's SearchAction `urlTemplate`. */
export function searchPathTemplate(name: string): string {
  return `/search?q={${name}}`;
}

/** The public path of a stored image (served by app/media/[key]). */
export function mediaPath(storageKey: string): string {
  return `/media/${segment(storageKey)}`;
}

/** An uploaded image cropped to a structured-data aspect ("16x9", "4x3", "1x1"): app/media/crop. */
export function croppedMediaPath(storageKey: string, aspect: '16x9' | '4x3' | '1x1'): string {
  return `/media/crop/${aspect}/${segment(storageKey)}`;
}

/** True for a path mediaPath() makes: an image of ours, whose size the image optimiser may use. */
export function isMediaPath(src: string): boolean {
  return src.startsWith('/media/');
}

/** Next's image optimiser's URL for `src` at `width` px. */
export function optimisedImagePath(src: string, width: number, quality = 75): string {
  return `/_next/image?url=${encodeURIComponent(src)}&w=${width}&q=${quality}`;
}

/** The publication's logo and icon, served from public/ and app/. */
export const LOGO_PATH = '/logo.png';
export const FAVICON_PATH = '/favicon.ico';

/** The site-wide RSS feed. */
export const SITE_FEED_PATH = '/feed.xml';

/** What a per-scope feed follows: a section, an author, a campaign or a tag. */
export type FeedKind = 'sections' | 'authors' | 'campaigns' | 'tags';

/** The RSS feed of one section, author, campaign or tag: `/feeds/<kind>/<slug>`. */
export function feedPath(kind: FeedKind, slug: string): string {
  return `/feeds/${kind}/${segment(slug)}`;
}

/** The sitemap index, the sitemap of pages other than articles, and the Google News sitemap. */
export const SITEMAP_INDEX_PATH = '/sitemap.xml';
/** The API's reference page and its machine-readable document. */
export const API_REFERENCE_PATH = '/developers/api';
export const OPENAPI_PATH = '/api/v1/openapi.json';
export const PAGES_SITEMAP_PATH = '/sitemaps/pages.xml';
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';

/** Page `page` (from 1) of the article sitemap. */
export function articleSitemapPath(page: number): string {
  return `/sitemaps/articles/${page}`;
}

/** A share link's path: the reader page of an unpublished article for anyone holding `token`. */
export function previewPath(token: string): string {
  return `/preview/${segment(token)}`;
}

/** The reader's newsletter pages and links (a token from lib/newsletters/tokens.ts in the query). */
export const newsletterRoutes = {
  /** POST target of the sign-up form. */
  subscribe: () => '/newsletters/subscribe',
  /** "Check your inbox", after signing up. */
  checkEmail: () => '/newsletters/check-your-email',
  confirm: (token: string) => withQuery('/newsletters/confirm', { token }),
  /** RFC 8058 one-click unsubscribe (POST), also the unsubscribe page's form target. */
  oneClick: (token: string) => withQuery('/newsletters/one-click', { token }),
  /** The page behind the "Unsubscribe" link in an email: one button. */
  unsubscribe: (token: string) => withQuery('/newsletters/unsubscribe', { token }),
  preferences: (token: string, query: Record<string, string> = {}) => withQuery('/newsletters/preferences', { token, ...query }),
  /** POST targets of the preferences page. */
  savePreferences: () => '/newsletters/preferences/save',
  exportData: (token: string) => withQuery('/newsletters/preferences/export', { token }),
  deleteData: () => '/newsletters/preferences/delete',
  deleted: () => '/newsletters/deleted',
} as const;

/** The sign-in page, coming back to `callbackUrl` (a local path) afterwards. */
export function loginPath(callbackUrl?: string): string {
  return withQuery('/login', { callbackUrl });
}

const DASHBOARD = '/dashboard';

/** True for the dashboard and every path below it (not `/dashboards-…`). */
export function isDashboardPath(pathname: string): boolean {
  return pathname === DASHBOARD || pathname.startsWith(`${DASHBOARD}/`);
}

/** The editorial dashboard's pages; a `query` becomes the search string (filters, page). */
export const dashboardRoutes = {
  home: () => DASHBOARD,
  articles: (query?: Query) => withQuery(`${DASHBOARD}/articles`, query),
  newArticle: () => `${DASHBOARD}/articles/new`,
  article: (id: string) => `${DASHBOARD}/articles/${segment(id)}`,
  articlePreview: (id: string) => `${dashboardRoutes.article(id)}/preview`,
  articleHistory: (id: string, query?: Query) => withQuery(`${dashboardRoutes.article(id)}/history`, query),
  media: (query?: Query) => withQuery(`${DASHBOARD}/media`, query),
  image: (id: string) => `${DASHBOARD}/media/${segment(id)}`,
  sections: () => `${DASHBOARD}/sections`,
  campaigns: () => `${DASHBOARD}/campaigns`,
  authors: () => `${DASHBOARD}/authors`,
  pages: () => `${DASHBOARD}/pages`,
  newPage: () => `${DASHBOARD}/pages/new`,
  page: (id: string) => `${DASHBOARD}/pages/${segment(id)}`,
  users: (query?: Query) => withQuery(`${DASHBOARD}/users`, query),
  integrations: () => `${DASHBOARD}/integrations`,
  webhooks: () => `${DASHBOARD}/webhooks`,
  newsletters: () => `${DASHBOARD}/newsletters`,
  newsletter: (id: string) => `${DASHBOARD}/newsletters/${segment(id)}`,
  caughtEmails: () => `${DASHBOARD}/newsletters/caught`,
  audit: (query?: Query) => withQuery(`${DASHBOARD}/audit`, query),
} as const;

/**
 * `path` on the site at `siteUrl` (SITE_URL, no trailing slash); lib/seo/site.ts binds it to the
 * environment. The front page is the site URL itself, with no trailing slash, as Next writes it in the
 * canonical link and og:url: sitemaps, feeds and JSON-LD name the front page exactly as the page does.
 */
export function absoluteUrlOn(siteUrl: string, path: string): string {
  if (path === '/' || path === '') return siteUrl;
  return `${siteUrl}${path.startsWith('/') ? path : `/${path}`}`;
}
