import 'server-only';
import { contentColumns, freeSlugIn, loadArticleForActorOrThrow, snapshotOf, writeContent, type Tx } from '@/lib/articles/article-writes';
import type { ArticleContent } from '@/lib/articles/schemas';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { decideImportItem, storedChecksum, type ImportDecision } from '@/lib/import/decide-import-item';
import {
  clearRedirectsFrom,
  firstFreeSlug,
  loadImported,
  saveImported,
  writeImportRedirects,
  type ImportedRow,
  type ImportScope,
} from '@/lib/import/import-writes';
import { importPostsSchema, type ImportItem } from '@/lib/import/schemas';
import type { ImportWarning } from '@/lib/import/source-model';
import { contentScope, mergeScopes, type ContentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { articlePath, standingPagePath } from '@/lib/routes';
import { slugify } from '@/lib/text/slug';

type PostItem = Extract<ImportItem, { kind: 'post' }>;
type PageItem = Extract<ImportItem, { kind: 'page' }>;

/** What happened to one item, for the report. */
export type ItemOutcome = {
  sourceId: string;
  kind: 'post' | 'page';
  action: 'created' | 'updated' | 'skipped';
  targetId: string | null;
  path: string | null;
  warning?: ImportWarning;
};
export type ImportedPosts = { items: ItemOutcome[]; redirects: number; warnings: ImportWarning[] };

const asDate = (v: string | null) => (v ? new Date(v) : null);

/** The dates and status an imported article keeps from its source: published at its publish date, scheduled at its date. */
function lifecycle(item: PostItem) {
  const status = item.status;
  const publishedAt = status === 'PUBLISHED' ? (asDate(item.publishedAt) ?? asDate(item.createdAt) ?? new Date()) : null;
  const scheduledAt = status === 'SCHEDULED' ? (asDate(item.scheduledAt) ?? new Date()) : null;
  return { status, publishedAt, scheduledAt };
}

const SKIP_MESSAGES = {
  'edited-in-masthead': 'changed in the export but was edited in Masthead since the last import: Masthead’s version is kept',
  trashed: 'changed in the export but is in Masthead’s trash: left there',
} as const;

/** Creates the articles of one batch: one INSERT for those whose slug is free, then one at a time for clashes (freeSlugIn). */
type Created = { id: string; path: string; scope: ContentScope | null };

async function createArticles(tx: Tx, actor: Actor, items: PostItem[]): Promise<Map<string, Created>> {
  const made = new Map<string, Created>();
  if (items.length === 0) return made;
  const authorIds = [...new Set(items.flatMap((i) => i.content.authorIds))];
  const authors = await tx.author.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, slug: true } });
  const authorSlug = new Map(authors.map((a) => [a.id, a.slug]));
  const sectionSlugs = new Map(
    (
      await tx.section.findMany({
        where: { id: { in: [...new Set(items.map((i) => i.content.sectionId))] } },
        select: { id: true, slug: true },
      })
    ).map((s) => [s.id, s.slug]),
  );
  const tagNames = [...new Set(items.flatMap((i) => i.content.tagNames))];
  const tagIds = new Map(
    (await tx.tag.findMany({ where: { slug: { in: tagNames.map(slugify) } }, select: { id: true, slug: true } })).map((t) => [
      t.slug,
      t.id,
    ]),
  );
  const slugsBySection = new Map<string, string[]>();
  for (const i of items) slugsBySection.set(i.content.sectionId, [...(slugsBySection.get(i.content.sectionId) ?? []), i.content.slug]);
  const taken = new Set(
    (
      await tx.article.findMany({
        where: { OR: [...slugsBySection].map(([sectionId, slugs]) => ({ sectionId, slug: { in: slugs } })) },
        select: { sectionId: true, slug: true },
      })
    ).map((a) => `${a.sectionId}/${a.slug}`),
  );
  const free: PostItem[] = [];
  const clashing: PostItem[] = [];
  for (const item of items) {
    const key = `${item.content.sectionId}/${item.content.slug}`;
    if (taken.has(key)) clashing.push(item);
    else {
      taken.add(key);
      free.push(item);
    }
  }
  // The references come from this run's own taxonomy and image steps; the foreign keys refuse one that
  // vanished meanwhile (the runner then retries the batch item by item).
  const rowOf = (item: PostItem, content: ArticleContent) => ({
    ...contentColumns(content, authors),
    ...lifecycle(item),
    createdById: actor.id,
    createdAt: asDate(item.createdAt) ?? new Date(),
    updatedAt: asDate(item.modifiedAt) ?? asDate(item.createdAt) ?? new Date(),
  });
  const finish = async (pairs: { item: PostItem; content: ArticleContent; id: string }[]) => {
    await tx.articleAuthor.createMany({
      data: pairs.flatMap(({ content, id }) => content.authorIds.map((authorId, position) => ({ articleId: id, authorId, position }))),
    });
    await tx.articleTag.createMany({
      data: pairs.flatMap(({ content, id }) =>
        [...new Set(content.tagNames.map((n) => tagIds.get(slugify(n))).filter((t): t is string => !!t))].map((tagId) => ({
          articleId: id,
          tagId,
        })),
      ),
    });
    await tx.articleRevision.createMany({
      data: pairs.map(({ content, id }) => ({ articleId: id, version: 1, editorId: actor.id, snapshot: snapshotOf(content) })),
    });
    for (const { item, content, id } of pairs) {
      const sectionSlug = sectionSlugs.get(content.sectionId)!;
      // What readers see of it now: an article published at a date already past (imported posts are).
      const visible = item.status === 'PUBLISHED' && (lifecycle(item).publishedAt?.getTime() ?? 0) <= Date.now();
      const scope = visible
        ? contentScope({
            articleIds: [id],
            sectionSlugs: [sectionSlug],
            authorSlugs: content.authorIds.map((a) => authorSlug.get(a)!),
            tagSlugs: content.tagNames.map(slugify),
            lists: true,
          })
        : null;
      made.set(item.sourceId, { id, path: articlePath({ sectionSlug, slug: content.slug }), scope });
    }
  };
  if (free.length) {
    const rows = await tx.article.createManyAndReturn({
      data: free.map((item) => rowOf(item, item.content)),
      select: { id: true, sectionId: true, slug: true },
    });
    const idOf = new Map(rows.map((r) => [`${r.sectionId}/${r.slug}`, r.id]));
    await finish(free.map((item) => ({ item, content: item.content, id: idOf.get(`${item.content.sectionId}/${item.content.slug}`)! })));
  }
  for (const item of clashing) {
    const content = { ...item.content, slug: await freeSlugIn(tx, item.content.sectionId, item.content.slug) };
    const row = await tx.article.create({ data: rowOf(item, content), select: { id: true } });
    await finish([{ item, content, id: row.id }]);
  }
  return made;
}

/** JSON with its keys sorted (jsonb does not keep key order), to compare a stored snapshot with new content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Updates an imported article with the source's new content (its address stays), as an editor's save
 * would; nothing when the content and dates are what the article already has (an item retried for a
 * still-missing image). Returns whether it wrote.
 */
async function updateArticle(
  tx: Tx,
  actor: Actor,
  item: PostItem,
  articleId: string,
): Promise<{ path: string; wrote: boolean; scope: ContentScope | null }> {
  const article = await loadArticleForActorOrThrow(tx, actor, articleId);
  const path = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
  const content = { ...item.content, slug: article.slug, sectionId: article.sectionId };
  // An article the scheduler published since the last run stays published.
  const dates =
    article.status === 'PUBLISHED' && item.status === 'SCHEDULED'
      ? { status: article.status, publishedAt: article.publishedAt, scheduledAt: null }
      : lifecycle(item);
  const latest = await tx.articleRevision.findFirst({ where: { articleId }, orderBy: { version: 'desc' }, select: { snapshot: true } });
  const sameDates =
    article.status === dates.status &&
    article.publishedAt?.getTime() === dates.publishedAt?.getTime() &&
    article.scheduledAt?.getTime() === dates.scheduledAt?.getTime();
  if (sameDates && latest && canonical(latest.snapshot) === canonical(snapshotOf(content))) return { path, wrote: false, scope: null };
  const saved = await writeContent(tx, actor, article, article.version, content);
  await tx.article.update({ where: { id: articleId }, data: dates });
  return { path, wrote: true, scope: saved.content };
}

type Reader = Pick<Tx, 'importedItem' | 'article' | 'page'>;

/**
 * Decides what an import does with each item (decideImportItem) from what earlier runs left: its
 * ImportedItem row, and whether the article or page is still there, in the trash, or edited since (an
 * article's latest revision is not the import's; a page's updatedAt is after the import's). Keyed
 * `post:<id>` and `page:<id>`. Reads only: the operation decides again inside its transaction, and
 * the runner uses it beforehand to pass over unchanged items and for dry runs.
 */
export async function planImport(
  db: Reader,
  actor: Pick<Actor, 'id'>,
  scope: ImportScope,
  items: readonly { kind: 'post' | 'page'; sourceId: string; checksum: string }[],
) {
  const ids = (kind: 'post' | 'page') => items.filter((i) => i.kind === kind).map((i) => i.sourceId);
  const imported = {
    post: await loadImported(db as Tx, scope, 'post', ids('post')),
    page: await loadImported(db as Tx, scope, 'page', ids('page')),
  };
  const articles = imported.post.size
    ? await db.article.findMany({
        where: { id: { in: [...imported.post.values()].map((r) => r.targetId) } },
        select: { id: true, deletedAt: true, revisions: { orderBy: { version: 'desc' }, take: 1, select: { editorId: true } } },
      })
    : [];
  const pages = imported.page.size
    ? await db.page.findMany({
        where: { id: { in: [...imported.page.values()].map((r) => r.targetId) } },
        select: { id: true, updatedAt: true },
      })
    : [];
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const pageById = new Map(pages.map((p) => [p.id, p]));
  const decisions = new Map<string, ImportDecision>();
  for (const item of items) {
    const before = imported[item.kind].get(item.sourceId);
    let state = null;
    if (before && item.kind === 'post') {
      const row = articleById.get(before.targetId);
      state = {
        checksum: before.checksum,
        targetExists: !!row,
        editedSince: !!row && row.revisions[0]?.editorId !== actor.id,
        trashed: !!row?.deletedAt,
      };
    } else if (before) {
      const row = pageById.get(before.targetId);
      state = {
        checksum: before.checksum,
        targetExists: !!row,
        editedSince: !!row && row.updatedAt.getTime() > before.updatedAt.getTime() + 1000,
      };
    }
    decisions.set(`${item.kind}:${item.sourceId}`, decideImportItem(state, item.checksum));
  }
  return { imported, decisions };
}

/**
 * Writes one batch of an export's posts and pages (`import:content`) in one transaction: new articles
 * (with their byline, tags and first revision, published posts at their original date, scheduled
 * ones at theirs), updates of articles whose source changed and that nobody edited in Masthead since
 * (the editor's own save path, lib/articles/article-writes.ts writeContent), standing pages for
 * published pages, the ImportedItem rows that make the next run skip what did not change, and 301s
 * from the old addresses of what readers can now see. Audited once `import.posts`, its change naming
 * every reader page it touched.
 */
export async function importPosts(ctx: OperationArgs): Promise<Outcome<ImportedPosts>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'import:content');
  const input = parseInput(importPostsSchema, ctx.input);
  const scope: ImportScope = { source: input.source, site: input.site };
  const posts = input.items.filter((i): i is PostItem => i.kind === 'post');
  const pages = input.items.filter((i): i is PageItem => i.kind === 'page');
  return dbOf(ctx).$transaction(
    async (tx) => {
      const items: ItemOutcome[] = [];
      const warnings: ImportWarning[] = [];
      const redirects: { from: string; to: string }[] = [];
      const live: string[] = [];
      let content: ContentScope | null = null;
      const touch = (s: ContentScope | null) => {
        if (s) content = content ? mergeScopes(content, s) : s;
      };

      // Posts.
      const plan = await planImport(tx, actor, scope, input.items);
      const importedPosts = plan.imported.post;
      const decisions = plan.decisions;
      const created = await createArticles(
        tx,
        actor,
        posts.filter((p) => decisions.get(`post:${p.sourceId}`)!.action === 'create'),
      );
      const saved: { sourceId: string; targetId: string; checksum: string | null }[] = [];
      for (const post of posts) {
        const decision = decisions.get(`post:${post.sourceId}`)!;
        const before = importedPosts.get(post.sourceId);
        let outcome: ItemOutcome;
        if (decision.action === 'create') {
          const { id, path } = created.get(post.sourceId)!;
          outcome = { sourceId: post.sourceId, kind: 'post', action: 'created', targetId: id, path };
          live.push(path);
        } else if (decision.action === 'update') {
          const { path, wrote, scope: s } = await updateArticle(tx, actor, post, before!.targetId);
          touch(s);
          outcome = { sourceId: post.sourceId, kind: 'post', action: wrote ? 'updated' : 'skipped', targetId: before!.targetId, path };
        } else {
          outcome = { sourceId: post.sourceId, kind: 'post', action: 'skipped', targetId: before!.targetId, path: null };
          if (decision.reason !== 'unchanged') {
            outcome.warning = {
              code: decision.reason,
              message: `“${post.content.headline.slice(0, 80)}” ${SKIP_MESSAGES[decision.reason]}.`,
              item: post.sourceId,
            };
          }
        }
        items.push(outcome);
        if (decision.action !== 'skip' || decision.reason === 'unchanged')
          saved.push({ sourceId: post.sourceId, targetId: outcome.targetId!, checksum: storedChecksum(post.checksum, post.complete) });
        if (outcome.path && post.status === 'PUBLISHED') for (const from of post.oldUrls) redirects.push({ from, to: outcome.path });
      }
      await saveImported(tx, scope, 'post', saved, importedPosts);
      for (const c of created.values()) touch(c.scope);

      // Pages.
      const importedPages = plan.imported.page;
      const pageRows = new Map(
        (
          await tx.page.findMany({
            where: { id: { in: [...importedPages.values()].map((r) => r.targetId) } },
            select: { id: true, slug: true, title: true, standfirst: true, body: true },
          })
        ).map((p) => [p.id, p]),
      );
      const savedPages: { sourceId: string; targetId: string; checksum: string | null }[] = [];
      for (const item of pages) {
        const before: ImportedRow | undefined = importedPages.get(item.sourceId);
        const row = before ? pageRows.get(before.targetId) : undefined;
        const decision = decisions.get(`page:${item.sourceId}`)!;
        const { title, standfirst, body } = item.page;
        let outcome: ItemOutcome;
        if (decision.action === 'create') {
          const slug = await firstFreeSlug(
            item.page.slug,
            async (s) => !!(await tx.page.findUnique({ where: { slug: s }, select: { id: true } })),
          );
          const page = await tx.page.create({
            data: { title, slug, standfirst, body, showInFooter: false, createdAt: asDate(item.createdAt) ?? new Date() },
            select: { id: true, slug: true },
          });
          outcome = { sourceId: item.sourceId, kind: 'page', action: 'created', targetId: page.id, path: standingPagePath(page.slug) };
          live.push(outcome.path!);
          touch(contentScope({ pageSlugs: [page.slug], lists: true }));
        } else if (decision.action === 'update') {
          const same = canonical([row!.title, row!.standfirst, row!.body]) === canonical([title, standfirst, body]);
          if (!same) {
            await tx.page.update({ where: { id: row!.id }, data: { title, standfirst, body, version: { increment: 1 } } });
            touch(contentScope({ pageSlugs: [row!.slug], lists: true }));
          }
          outcome = {
            sourceId: item.sourceId,
            kind: 'page',
            action: same ? 'skipped' : 'updated',
            targetId: row!.id,
            path: standingPagePath(row!.slug),
          };
        } else {
          outcome = { sourceId: item.sourceId, kind: 'page', action: 'skipped', targetId: before!.targetId, path: null };
          if (decision.reason !== 'unchanged')
            outcome.warning = {
              code: decision.reason,
              message: `The page “${title}” ${SKIP_MESSAGES[decision.reason]}.`,
              item: item.sourceId,
            };
        }
        items.push(outcome);
        if (decision.action !== 'skip' || decision.reason === 'unchanged')
          savedPages.push({ sourceId: item.sourceId, targetId: outcome.targetId!, checksum: storedChecksum(item.checksum, item.complete) });
        if (outcome.path) for (const from of item.oldUrls) redirects.push({ from, to: outcome.path });
      }
      await saveImported(tx, scope, 'page', savedPages, importedPages);

      await clearRedirectsFrom(tx, live);
      const written = await writeImportRedirects(tx, redirects);
      for (const r of written.refused) warnings.push({ code: 'redirect', message: `No redirect from ${r.from}: ${r.reason}.` });
      const count = (action: ItemOutcome['action']) => items.filter((i) => i.action === action).length;
      if (count('created') + count('updated') + written.written === 0) return { result: { items, redirects: 0, warnings }, change: null };
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'import.posts',
        targetType: 'Import',
        targetId: input.site,
        detail: {
          source: input.source,
          created: count('created'),
          updated: count('updated'),
          skipped: count('skipped'),
          redirects: written.written,
        },
        content,
      });
      return { result: { items, redirects: written.written, warnings }, change };
    },
    { timeout: 120_000 },
  );
}
