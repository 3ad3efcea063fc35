import AxeBuilder from '@axe-core/playwright';
import { dashboardRoutes } from '@/lib/routes';
import { seedArticle, seedCorrection, seedPage, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';

/**
 * axe on every page type of the dashboard, as an admin sees it (every control shown), with real
 * content: an existing article (published, with a correction) in the editor, its history and preview, an image's page.
 */
test('axe finds nothing on any dashboard page type', async ({ page, db, signInAs }) => {
  test.setTimeout(180_000);
  const section = await seedSection(db, { name: `A11y desk ${uniqueSuffix()}` });
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'asc' } });
  const article = await seedArticle(db, { sectionId: section.id, heroImageId: image.id });
  // Dated a day ago and out of the footer, so other specs' newest correction and footer stay theirs.
  await seedCorrection(db, { articleId: article.id, publishedAt: new Date(Date.now() - 24 * 60 * 60 * 1000) });
  const standing = await seedPage(db, { title: `A11y page ${uniqueSuffix()}`, showInFooter: false });
  await signInAs('ADMIN');
  const paths = [
    dashboardRoutes.home(),
    dashboardRoutes.articles(),
    dashboardRoutes.newArticle(),
    dashboardRoutes.article(article.id),
    dashboardRoutes.articleHistory(article.id),
    dashboardRoutes.articlePreview(article.id),
    dashboardRoutes.media(),
    dashboardRoutes.image(image.id),
    dashboardRoutes.sections(),
    dashboardRoutes.campaigns(),
    dashboardRoutes.authors(),
    dashboardRoutes.users(),
    dashboardRoutes.audit(),
    dashboardRoutes.pages(),
    dashboardRoutes.newPage(),
    dashboardRoutes.page(standing.id),
  ];
  const found: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    found.push(...results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  }
  expect(found).toEqual([]);
});
