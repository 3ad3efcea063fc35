import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrlOn,
  articlePath,
  articleSitemapPath,
  authorPath,
  campaignPath,
  correctionPath,
  CORRECTIONS_FEED_PATH,
  correctionsPath,
  dashboardRoutes,
  feedPath,
  homePath,
  isDashboardPath,
  isMediaPath,
  listPagePath,
  loginPath,
  mediaPath,
  optimisedImagePath,
  parseListPagePath,
  previewPath,
  searchPath,
  searchPathTemplate,
  sectionPath,
  standingPagePath,
  tagPath,
  withPage,
  withQuery,
} from '@/lib/routes';
import { isValidSlug } from '@/lib/text/slug';

describe('reader routes', () => {
  it('build the paths readers, crawlers and feed readers already have', () => {
    expect(homePath()).toBe('/');
    expect(homePath(2)).toBe('/page/2');
    expect(sectionPath('life-sciences')).toBe('/life-sciences');
    expect(sectionPath('life-sciences', 1)).toBe('/life-sciences');
    expect(sectionPath('life-sciences', 3)).toBe('/life-sciences/page/3');
    expect(articlePath({ sectionSlug: 'life-sciences', slug: 'gene-therapy-next' })).toBe('/life-sciences/gene-therapy-next');
    expect(articlePath({ section: { slug: 'life-sciences' }, slug: 'gene-therapy-next' })).toBe('/life-sciences/gene-therapy-next');
    expect(authorPath('neelam-patel')).toBe('/authors/neelam-patel');
    expect(authorPath('neelam-patel', 2)).toBe('/authors/neelam-patel/page/2');
    expect(campaignPath('life-sciences-2020')).toBe('/campaigns/life-sciences-2020');
    expect(tagPath('ai')).toBe('/tags/ai');
    expect(tagPath('ai', 4)).toBe('/tags/ai/page/4');
  });

  it('puts the about page at /about and every other standing page below it', () => {
    expect(standingPagePath('about')).toBe('/about');
    expect(standingPagePath('methodology')).toBe('/about/methodology');
    expect(standingPagePath('ethics')).toBe('/about/ethics');
  });

  it('build the corrections page, its later pages, its feed and a correction at its article’s foot', () => {
    expect(correctionsPath()).toBe('/corrections');
    expect(correctionsPath(2)).toBe('/corrections/page/2');
    expect(parseListPagePath(correctionsPath(5))).toEqual({ path: '/corrections', page: 5 });
    expect(CORRECTIONS_FEED_PATH).toBe('/feeds/corrections');
    expect(correctionPath({ sectionSlug: 'climate', slug: 'heat-pumps' }, 'c1')).toBe('/climate/heat-pumps#correction-c1');
  });

  it('read a later page of a list back from its path', () => {
    expect(parseListPagePath('/page/2')).toEqual({ path: '/', page: 2 });
    expect(parseListPagePath('/life-sciences/page/50')).toEqual({ path: '/life-sciences', page: 50 });
    expect(parseListPagePath('/authors/neelam-patel/page/3')).toEqual({ path: '/authors/neelam-patel', page: 3 });
    expect(parseListPagePath('/tags/ai/page/4')).toEqual({ path: '/tags/ai', page: 4 });
    for (const p of ['/life-sciences/page', '/life-sciences/page/x', '/campaigns/c/page/2', '/a/b/page/2', '/life-sciences/gene-therapy']) expect(parseListPagePath(p), p).toBeNull();
    for (const [path, n] of [['/', 7], ['/climate', 2], ['/authors/a', 9], ['/tags/t', 3]] as const) expect(parseListPagePath(listPagePath(path, n))).toEqual({ path, page: n });
  });

  it('search keeps the query first and pages after it, form-encoded', () => {
    expect(searchPath()).toBe('/search');
    expect(searchPath('')).toBe('/search');
    expect(searchPath('gene therapy')).toBe('/search?q=gene+therapy');
    expect(searchPath('gene therapy', 2)).toBe('/search?q=gene+therapy&page=2');
    expect(searchPath('a&b=c#d')).toBe('/search?q=a%26b%3Dc%23d');
    expect(searchPathTemplate('search_term_string')).toBe('/search?q={search_term_string}');
  });

  it('feeds, sitemaps, media and share links', () => {
    expect(feedPath('sections', 'climate')).toBe('/feeds/sections/climate');
    expect(feedPath('authors', 'tom-okafor')).toBe('/feeds/authors/tom-okafor');
    expect(feedPath('campaigns', 'life-sciences-2020')).toBe('/feeds/campaigns/life-sciences-2020');
    expect(feedPath('tags', 'heat-pumps')).toBe('/feeds/tags/heat-pumps');
    expect(articleSitemapPath(1)).toBe('/sitemaps/articles/1');
    expect(mediaPath('0123456789abcdef0123456789abcdef.jpg')).toBe('/media/0123456789abcdef0123456789abcdef.jpg');
    expect(isMediaPath(mediaPath('abc.webp'))).toBe(true);
    expect(isMediaPath('https://example.com/media/abc.jpg')).toBe(false);
    expect(optimisedImagePath('/media/abc.jpg', 1200)).toBe('/_next/image?url=%2Fmedia%2Fabc.jpg&w=1200&q=75');
    expect(previewPath('clx1.1767225600000.Ab-_9')).toBe('/preview/clx1.1767225600000.Ab-_9');
  });

  it('leaves every storable slug as it is and keeps anything else inside its one segment', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/).filter(isValidSlug),
        fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/).filter(isValidSlug),
        (section, slug) => {
          expect(articlePath({ sectionSlug: section, slug })).toBe(`/${section}/${slug}`);
          expect(sectionPath(section)).toBe(`/${section}`);
          expect(authorPath(slug)).toBe(`/authors/${slug}`);
        },
      ),
    );
    expect(articlePath({ sectionSlug: 'a/b', slug: '../x?y#z' })).toBe('/a%2Fb/..%2Fx%3Fy%23z');
    expect(tagPath('héllo wörld')).toBe('/tags/h%C3%A9llo%20w%C3%B6rld');
  });
});

describe('dashboard routes', () => {
  it('name every dashboard page with its filters', () => {
    expect(dashboardRoutes.home()).toBe('/dashboard');
    expect(dashboardRoutes.articles()).toBe('/dashboard/articles');
    expect(dashboardRoutes.articles({ status: 'IN_REVIEW' })).toBe('/dashboard/articles?status=IN_REVIEW');
    expect(dashboardRoutes.articles(new URLSearchParams({ q: 'heat pumps', cursor: 'c1' }))).toBe(
      '/dashboard/articles?q=heat+pumps&cursor=c1',
    );
    expect(dashboardRoutes.newArticle()).toBe('/dashboard/articles/new');
    expect(dashboardRoutes.pages()).toBe('/dashboard/pages');
    expect(dashboardRoutes.newPage()).toBe('/dashboard/pages/new');
    expect(dashboardRoutes.page('clx1')).toBe('/dashboard/pages/clx1');
    expect(dashboardRoutes.article('clx1')).toBe('/dashboard/articles/clx1');
    expect(dashboardRoutes.articlePreview('clx1')).toBe('/dashboard/articles/clx1/preview');
    expect(dashboardRoutes.articleHistory('clx1')).toBe('/dashboard/articles/clx1/history');
    expect(dashboardRoutes.articleHistory('clx1', { from: '2', to: '5' })).toBe('/dashboard/articles/clx1/history?from=2&to=5');
    expect(dashboardRoutes.media()).toBe('/dashboard/media');
    expect(dashboardRoutes.media({ q: undefined, page: '2' })).toBe('/dashboard/media?page=2');
    expect(dashboardRoutes.media({ deleted: '1' })).toBe('/dashboard/media?deleted=1');
    expect(dashboardRoutes.image('img1')).toBe('/dashboard/media/img1');
    expect(dashboardRoutes.sections()).toBe('/dashboard/sections');
    expect(dashboardRoutes.campaigns()).toBe('/dashboard/campaigns');
    expect(dashboardRoutes.authors()).toBe('/dashboard/authors');
    expect(dashboardRoutes.users({ page: '2' })).toBe('/dashboard/users?page=2');
    expect(dashboardRoutes.audit({ action: 'user.disabled' })).toBe('/dashboard/audit?action=user.disabled');
  });

  it('tells dashboard paths from reader paths that only start alike', () => {
    expect(isDashboardPath('/dashboard')).toBe(true);
    expect(isDashboardPath('/dashboard/articles/x')).toBe(true);
    expect(isDashboardPath('/dashboards-of-the-world/x')).toBe(false);
    expect(isDashboardPath('/')).toBe(false);
  });

  it('sends to sign-in with the way back form-encoded', () => {
    expect(loginPath()).toBe('/login');
    expect(loginPath('/dashboard/users?page=2')).toBe('/login?callbackUrl=%2Fdashboard%2Fusers%3Fpage%3D2');
  });
});

describe('query helpers and absolute URLs', () => {
  it('withQuery and withPage leave a bare path bare', () => {
    expect(withQuery('/x')).toBe('/x');
    expect(withQuery('/x', { a: undefined })).toBe('/x');
    expect(withPage('/x', 1, { q: 'y' })).toBe('/x?q=y');
    expect(withPage('/x', 2, { q: 'y' })).toBe('/x?q=y&page=2');
  });

  it('absoluteUrlOn puts a path on the site URL', () => {
    expect(absoluteUrlOn('https://news.example.com', '/climate')).toBe('https://news.example.com/climate');
    expect(absoluteUrlOn('https://news.example.com', 'climate')).toBe('https://news.example.com/climate');
    expect(absoluteUrlOn('http://localhost:3000', homePath())).toBe('http://localhost:3000');
  });
});
