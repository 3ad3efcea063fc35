import { generateWebhookSecret } from '@/lib/webhooks/sign';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';
import { deriveArticleText } from '@/lib/articles/derive';
import { hashPassword } from '@/lib/auth/password';
import { generateKey } from '@/lib/integrations/decide-key';
import { newStorageKey, type MediaStorage } from '@/lib/media/storage';
import { slugify } from '@/lib/text/slug';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { ArticleStatus, PageRole, Role } from '@/lib/generated/prisma/enums';
import { paintPicture } from './images';

/**
 * Seed factories: one function per kind of row, each with sensible defaults and overrides. The demo
 * seed, the integration tests and the e2e tests all build their data with these.
 */

let counter = 0;
/** A short unique suffix for names and slugs in tests. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function seedUser(
  db: PrismaClient,
  overrides: { email?: string; name?: string; password?: string; role?: Role; disabled?: boolean } = {},
) {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: (overrides.email ?? `user-${suffix}@example.test`).trim().toLowerCase(),
      name: overrides.name ?? `User ${suffix}`,
      passwordHash: await hashPassword(overrides.password ?? 'correct horse battery staple'),
      role: overrides.role ?? 'WRITER',
      disabled: overrides.disabled ?? false,
    },
  });
}

export async function seedSection(
  db: PrismaClient,
  overrides: { name?: string; slug?: string; description?: string; position?: number; parentId?: string } = {},
) {
  const name = overrides.name ?? `Section ${uniqueSuffix()}`;
  return db.section.create({
    data: {
      name,
      slug: overrides.slug ?? slugify(name),
      description: overrides.description ?? null,
      position: overrides.position ?? 0,
      parentId: overrides.parentId ?? null,
    },
  });
}

export async function seedCampaign(
  db: PrismaClient,
  overrides: {
    name?: string;
    slug?: string;
    description?: string;
    partnerName?: string | null;
    disclosureLabel?: string | null;
    startsAt?: Date | null;
    endsAt?: Date | null;
  } = {},
) {
  const name = overrides.name ?? `Campaign ${uniqueSuffix()}`;
  return db.campaign.create({
    data: {
      name,
      slug: overrides.slug ?? slugify(name),
      description: overrides.description ?? null,
      partnerName: overrides.partnerName ?? null,
      disclosureLabel: overrides.disclosureLabel ?? null,
      startsAt: overrides.startsAt ?? null,
      endsAt: overrides.endsAt ?? null,
    },
  });
}

export async function seedImage(
  db: PrismaClient,
  storage: MediaStorage,
  overrides: { seed?: number; width?: number; height?: number; alt?: string; caption?: string; credit?: string; uploadedById?: string } = {},
) {
  const width = overrides.width ?? 1600;
  const height = overrides.height ?? 900;
  const bytes = await paintPicture({ seed: overrides.seed ?? Math.floor(Math.random() * 1e9), width, height });
  const storageKey = newStorageKey('jpg');
  await storage.put(storageKey, bytes);
  return db.image.create({
    data: {
      storageKey,
      mimeType: 'image/jpeg',
      width,
      height,
      bytes: bytes.length,
      alt: overrides.alt ?? 'An abstract landscape of hills under a pale sun',
      caption: overrides.caption ?? '',
      credit: overrides.credit ?? '',
      uploadedById: overrides.uploadedById ?? null,
    },
  });
}

export async function seedAuthor(
  db: PrismaClient,
  overrides: { name?: string; slug?: string; jobTitle?: string | null; organisation?: string | null; bio?: string | null; photoId?: string | null; userId?: string | null } = {},
) {
  const name = overrides.name ?? `Author ${uniqueSuffix()}`;
  return db.author.create({
    data: {
      name,
      slug: overrides.slug ?? slugify(name),
      jobTitle: overrides.jobTitle ?? null,
      organisation: overrides.organisation ?? null,
      bio: overrides.bio ?? null,
      photoId: overrides.photoId ?? null,
      userId: overrides.userId ?? null,
    },
  });
}

export async function seedTag(db: PrismaClient, name: string) {
  const slug = slugify(name);
  return db.tag.upsert({ where: { slug }, update: {}, create: { name, slug } });
}

/** A small valid body with a subheading, a list and a quote, mentioning `words` so tests can search for them. */
export function sampleBody(words = ''): BodyDocument {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: `Opening paragraph ${words}`.trim() }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What happens next' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A first point' }] }] }] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A quotation.' }] }] },
    ],
  };
}

/**
 * Creates a standing page (lib/pages): About, Contact, Ethics, Masthead or any other. The body is
 * validated with the same schema as the dashboard's save path.
 */
export async function seedPage(
  db: PrismaClient,
  overrides: { title?: string; slug?: string; standfirst?: string; body?: BodyDocument; role?: PageRole | null; showInFooter?: boolean; position?: number } = {},
) {
  const title = overrides.title ?? `Page ${uniqueSuffix()}`;
  return db.page.create({
    data: {
      title,
      slug: overrides.slug ?? slugify(title),
      standfirst: overrides.standfirst ?? '',
      body: bodyDocumentSchema.parse(overrides.body ?? sampleBody()),
      role: overrides.role ?? null,
      showInFooter: overrides.showInFooter ?? true,
      position: overrides.position ?? 0,
    },
  });
}

export type ArticleOverrides = {
  headline?: string;
  slug?: string;
  standfirst?: string;
  body?: BodyDocument;
  status?: ArticleStatus;
  publishedAt?: Date | null;
  scheduledAt?: Date | null;
  sectionId: string;
  campaignId?: string | null;
  heroImageId?: string | null;
  authorIds?: string[];
  tagIds?: string[];
  sponsored?: boolean;
  deletedAt?: Date | null;
  createdById?: string | null;
  seoTitle?: string | null;
  seoDescription?: string | null;
};

/**
 * Creates an article with its ordered byline, tags and first revision. The body is validated with the
 * same schema as the editor's save path; bodyText and bylineText are derived the same way.
 */
export async function seedArticle(db: PrismaClient, overrides: ArticleOverrides) {
  const headline = overrides.headline ?? `Headline ${uniqueSuffix()}`;
  const body = bodyDocumentSchema.parse(overrides.body ?? sampleBody());
  const status = overrides.status ?? 'PUBLISHED';
  const authorIds = overrides.authorIds ?? [];
  const authors = authorIds.length ? await db.author.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [];
  const { bodyText, bylineText } = deriveArticleText(body, authorIds, authors);
  const publishedAt = overrides.publishedAt !== undefined ? overrides.publishedAt : status === 'PUBLISHED' ? new Date() : null;

  return db.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: {
        headline,
        slug: overrides.slug ?? slugify(headline),
        standfirst: overrides.standfirst ?? 'A standfirst that tells the reader why this matters.',
        body,
        bodyText,
        bylineText,
        status,
        publishedAt,
        // A seeded article was last edited when it was published, so readers see no "Updated" line.
        ...(publishedAt ? { updatedAt: publishedAt } : {}),
        scheduledAt: overrides.scheduledAt ?? null,
        sectionId: overrides.sectionId,
        campaignId: overrides.campaignId ?? null,
        heroImageId: overrides.heroImageId ?? null,
        sponsored: overrides.sponsored ?? false,
        deletedAt: overrides.deletedAt ?? null,
        createdById: overrides.createdById ?? null,
        seoTitle: overrides.seoTitle ?? null,
        seoDescription: overrides.seoDescription ?? null,
        authors: { create: authorIds.map((authorId, position) => ({ authorId, position })) },
        tags: { create: (overrides.tagIds ?? []).map((tagId) => ({ tagId })) },
      },
    });
    await tx.articleRevision.create({
      data: {
        articleId: article.id,
        version: article.version,
        editorId: overrides.createdById ?? null,
        snapshot: {
          headline: article.headline,
          slug: article.slug,
          standfirst: article.standfirst,
          body,
          sectionId: article.sectionId,
          campaignId: article.campaignId,
          heroImageId: article.heroImageId,
          authorIds,
          tagIds: overrides.tagIds ?? [],
          sponsored: article.sponsored,
          seoTitle: article.seoTitle,
          seoDescription: article.seoDescription,
          canonicalUrl: article.canonicalUrl,
        },
      },
    });
    return article;
  });
}

/**
 * Appends a correction (kind CORRECTION unless given) to an article, dated now unless given, and moves
 * the article's modification time to it as the operation does (lib/articles/add-correction.ts, which
 * also writes a revision and a change record; this factory does not).
 */
export async function seedCorrection(
  db: PrismaClient,
  overrides: { articleId: string; kind?: 'CORRECTION' | 'CLARIFICATION' | 'UPDATE'; text?: string; publishedAt?: Date; createdById?: string | null },
) {
  const publishedAt = overrides.publishedAt ?? new Date();
  return db.$transaction(async (tx) => {
    const correction = await tx.correction.create({
      data: {
        articleId: overrides.articleId,
        kind: overrides.kind ?? 'CORRECTION',
        text: overrides.text ?? `An earlier version of this article gave the wrong figure. This has been corrected (${uniqueSuffix()}).`,
        publishedAt,
        createdById: overrides.createdById ?? null,
        createdAt: publishedAt,
      },
    });
    await tx.article.updateMany({ where: { id: overrides.articleId, updatedAt: { lt: publishedAt } }, data: { updatedAt: publishedAt } });
    return correction;
  });
}

/**
 * An integration and its key (lib/integrations/decide-key.ts), as the dashboard makes one: an admin
 * integration gets its own user (kind INTEGRATION) with `role`. `revoked` makes a revoked one.
 */
export async function seedIntegration(
  db: PrismaClient,
  overrides: { scope?: 'CONTENT' | 'ADMIN'; role?: Role; name?: string; revoked?: boolean } = {},
) {
  const scope = overrides.scope ?? 'CONTENT';
  const generated = generateKey(scope === 'ADMIN' ? 'admin' : 'content');
  const name = overrides.name ?? `Integration ${uniqueSuffix()}`;
  const user =
    scope === 'ADMIN'
      ? await db.user.create({
          data: { kind: 'INTEGRATION', email: `${generated.publicId}@integrations.invalid`, name, role: overrides.role ?? 'EDITOR', passwordHash: '!integration', disabled: !!overrides.revoked },
        })
      : null;
  const row = await db.integration.create({
    data: { name, scope, publicId: generated.publicId, secretHash: generated.secretHash, userId: user?.id ?? null, revokedAt: overrides.revoked ? new Date() : null },
  });
  return { id: row.id, publicId: row.publicId, key: generated.key, userId: user?.id ?? null };
}


/**
 * A webhook endpoint as the dashboard registers one (a fresh signing secret), with `deliveries`
 * delivered deliveries of made-up changes for its log.
 */
export async function seedWebhookEndpoint(
  db: PrismaClient,
  overrides: { url?: string; events?: string[]; enabled?: boolean; deliveries?: number } = {},
) {
  const endpoint = await db.webhookEndpoint.create({
    data: {
      url: overrides.url ?? `https://hooks.example.com/${uniqueSuffix()}`,
      events: overrides.events ?? ['article.published'],
      enabled: overrides.enabled ?? true,
      secret: generateWebhookSecret(),
    },
  });
  const deliveries = [];
  for (let i = 0; i < (overrides.deliveries ?? 0); i++) {
    deliveries.push(
      await db.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          event: 'article.published',
          messageId: `msg_seed_${uniqueSuffix()}`,
          payload: { type: 'article.published', timestamp: new Date().toISOString(), data: { id: null, object: null, changes: null } },
          status: 'DELIVERED',
        },
      }),
    );
  }
  return { ...endpoint, deliveries };
}

/** A newsletter (each article on publish by default), following the given sections (none: every section). */
export async function seedNewsletter(
  db: PrismaClient,
  overrides: { name?: string; slug?: string; description?: string; mode?: 'EACH_ARTICLE' | 'DIGEST'; digestMinute?: number; sectionIds?: string[]; position?: number; enabled?: boolean } = {},
) {
  const name = overrides.name ?? `Newsletter ${uniqueSuffix()}`;
  return db.newsletter.create({
    data: {
      name,
      slug: overrides.slug ?? slugify(name),
      description: overrides.description ?? '',
      mode: overrides.mode ?? 'EACH_ARTICLE',
      digestMinute: overrides.digestMinute ?? 420,
      senderName: 'Masthead newsroom',
      senderEmail: 'newsletters@masthead.example',
      position: overrides.position ?? 0,
      enabled: overrides.enabled ?? true,
      sections: { create: (overrides.sectionIds ?? []).map((sectionId) => ({ sectionId })) },
    },
  });
}
