import type { BodyDocument } from '@/lib/articles/body-schema';
import { importItemSchema } from '@/lib/import/schemas';
import { rewriteImportedBody, type LibraryCopy } from '@/lib/import/rewrite-body';
import type { ImportWarning, SourcePost } from '@/lib/import/source-model';

/**
 * One post or page of the export as the import operation takes it (lib/import/import-posts.ts), pure:
 * its section, authors and tags as Masthead ids, its body with images pointing at their library copies
 * (missing ones left out, with a warning), its hero, and the checksum it was read with (`complete`
 * false when an image was missing, so the next run tries again). Checked with the operation's own
 * schema, so one bad item never fails the batch it would go in.
 */

type Ref = { id: string; slug: string; name: string };
export type TaxonomyRefs = { defaultSection: Ref; sections: Record<string, Ref>; authors: Record<string, Ref>; tags: Record<string, Ref> };
export type HeroCopy = { id: string; alt: string; caption: string; credit: string } | { missing: string };

export type BuildContext = {
  taxonomy: TaxonomyRefs;
  /** The library copy of an image of the body (by its address as the body has it). */
  copyOf: (src: string) => LibraryCopy;
  /** The library copy of the featured image (by its full URL). */
  heroOf: (url: string) => HeroCopy;
  siteUrl: string | null;
  /** How the report names the item. */
  label: string;
};

const MAX_TAGS = 30;
const MAX_AUTHORS = 20;

export function buildImportItem(
  draft: { post: SourcePost; checksum: string; body: BodyDocument; heroUrl: string | null },
  { taxonomy, copyOf, heroOf, siteUrl, label }: BuildContext,
): { item: Record<string, unknown>; warnings: ImportWarning[] } | { error: string } {
  const { post, checksum } = draft;
  const missing: string[] = [];
  const warnings: ImportWarning[] = [];
  const body = rewriteImportedBody(draft.body, { siteUrl, copyOf, missing });
  const base = {
    sourceId: post.sourceId,
    checksum,
    createdAt: post.createdAt,
    modifiedAt: post.modifiedAt,
    oldUrls: post.oldUrls.slice(0, 10),
  };
  let item: Record<string, unknown>;
  if (post.kind === 'page') {
    item = {
      ...base,
      kind: 'page',
      complete: missing.length === 0,
      page: { title: post.headline, slug: post.slug, standfirst: post.standfirst, body, showInFooter: false },
    };
  } else {
    let hero = {};
    if (draft.heroUrl) {
      const found = heroOf(draft.heroUrl);
      if ('missing' in found) missing.push(`the featured image ${draft.heroUrl} (${found.missing})`);
      else hero = { heroImageId: found.id, heroAlt: found.alt, heroCaption: found.caption, heroCredit: found.credit };
    }
    const tags = [
      ...new Map(
        post.tagSourceIds.flatMap((id) => (taxonomy.tags[id] ? [[taxonomy.tags[id].slug, taxonomy.tags[id].name] as const] : [])),
      ).values(),
    ];
    if (tags.length > MAX_TAGS)
      warnings.push({
        code: 'mapped',
        message: `${label}: it had ${tags.length} tags; the first ${MAX_TAGS} are kept.`,
        item: post.sourceId,
      });
    const content = {
      headline: post.headline,
      slug: post.slug,
      standfirst: post.standfirst,
      body,
      sectionId: (post.sectionSourceId && taxonomy.sections[post.sectionSourceId]?.id) || taxonomy.defaultSection.id,
      authorIds: [...new Set(post.authorSourceIds.flatMap((id) => (taxonomy.authors[id] ? [taxonomy.authors[id].id] : [])))].slice(
        0,
        MAX_AUTHORS,
      ),
      tagNames: tags.slice(0, MAX_TAGS),
      ...hero,
      seoTitle: post.seoTitle,
      seoDescription: post.seoDescription,
      canonicalUrl: post.canonicalUrl,
    };
    item = {
      ...base,
      kind: 'post',
      complete: missing.length === 0,
      status: post.status,
      publishedAt: post.publishedAt,
      scheduledAt: post.scheduledAt,
      content,
    };
  }
  const parsed = importItemSchema.safeParse(item);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  for (const m of missing) warnings.push({ code: 'image-missing', message: `${label}: ${m} is not imported.`, item: post.sourceId });
  return { item, warnings };
}
