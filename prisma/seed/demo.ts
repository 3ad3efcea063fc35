import type { BodyDocument } from '@/lib/articles/body-schema';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { MediaStorage } from '@/lib/media/storage';
import { slugify } from '@/lib/text/slug';
import { demoAuthors, demoCampaigns, demoCredits, demoHeadlines, demoPages, demoSections, demoSubsections, demoTags } from './demo-content';
import { seedArticle, seedAuthor, seedCampaign, seedCorrection, seedImage, seedNewsletter, seedPage, seedSection, seedTag, seedUser } from './factories';
import { seededRandom } from './images';

/** Demo-only sign-in accounts. The README lists them; a real deployment creates users with `npm run user:create`. */
export const demoAccounts = [
  { email: 'admin@masthead.test', name: 'Ada Admin', password: 'demo-admin-password', role: 'ADMIN' },
  { email: 'editor@masthead.test', name: 'Eddie Editor', password: 'demo-editor-password', role: 'EDITOR' },
  { email: 'writer@masthead.test', name: 'Wren Writer', password: 'demo-writer-password', role: 'WRITER' },
] as const;

const HOUR = 3_600_000;

function text(value: string) {
  return { type: 'text' as const, text: value };
}

/** A full demo body: subheadings, lists, a quote and links, varied by topic and section. */
export function demoBody(topic: string, sectionName: string, rand: () => number): BodyDocument {
  const figure = 10 + Math.floor(rand() * 80);
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          text(`For years ${topic} sat on the edge of the conversation. This year it moved to the centre, and the people closest to it say the change is only beginning. `),
          text(`Across ${sectionName.toLowerCase()}, ${figure}% of the organisations we spoke to expect to spend more on it next year.`),
        ],
      },
      { type: 'heading', attrs: { level: 2 }, content: [text('Why it matters now')] },
      {
        type: 'paragraph',
        content: [
          text('Three things changed at once: the money, the rules and the expectations of the people it serves. '),
          { type: 'text', text: 'None of them is likely to change back.', marks: [{ type: 'italic' }] },
        ],
      },
      {
        type: 'bulletList',
        content: ['Funding arrived from new places, and with new conditions.', 'Rules were written with practitioners in the room.', 'Users expect results in months, not years.'].map((item) => ({
          type: 'listItem' as const,
          content: [{ type: 'paragraph' as const, content: [text(item)] }],
        })),
      },
      { type: 'heading', attrs: { level: 2 }, content: [text('What the people doing the work say')] },
      {
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [text(`We stopped asking whether ${topic} would work and started asking how fast we could do it well.`)] }],
      },
      {
        type: 'paragraph',
        content: [
          text('The numbers back that up. '),
          { type: 'text', text: 'Our data desk', marks: [{ type: 'bold' }] },
          text(' compiled the figures from public filings; the method is explained in our '),
          { type: 'text', text: 'methodology note', marks: [{ type: 'link', attrs: { href: '/about/methodology' } }] },
          text(', and the underlying statistics are published by the '),
          { type: 'text', text: 'Office for National Statistics', marks: [{ type: 'link', attrs: { href: 'https://www.ons.gov.uk/' } }] },
          text('.'),
        ],
      },
      { type: 'heading', attrs: { level: 3 }, content: [text('What to watch next')] },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: ['Whether the early results hold at scale.', 'Who pays when they do not.', 'How quickly the rest of the field follows.'].map((item) => ({
          type: 'listItem' as const,
          content: [{ type: 'paragraph' as const, content: [text(item)] }],
        })),
      },
      { type: 'horizontalRule' },
      { type: 'paragraph', content: [text(`This article is part of our continuing coverage of ${topic}.`)] },
    ],
  };
}

/** Inline text with `[text](href)` links made into link marks. */
function linkedText(value: string) {
  const parts: { type: 'text'; text: string; marks?: { type: 'link'; attrs: { href: string } }[] }[] = [];
  let last = 0;
  for (const m of value.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)) {
    if (m.index > last) parts.push(text(value.slice(last, m.index)));
    parts.push({ type: 'text', text: m[1]!, marks: [{ type: 'link', attrs: { href: m[2]! } }] });
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(text(value.slice(last)));
  return parts;
}

/** A standing page's body from demo blocks: "## " starts a subheading, anything else is a paragraph. */
export function demoPageBody(blocks: readonly string[]): BodyDocument {
  return {
    type: 'doc',
    content: blocks.map((b) =>
      b.startsWith('## ') ? { type: 'heading' as const, attrs: { level: 2 as const }, content: [text(b.slice(3))] } : { type: 'paragraph' as const, content: linkedText(b) },
    ),
  };
}

/** Empties every table, for a clean reseed. Media files are left to be overwritten by new keys. */
export async function wipeDatabase(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(
    'TRUNCATE "ArticleTag", "ArticleAuthor", "ArticleRevision", "Correction", "Article", "Tag", "Author", "Campaign", "Section", "Image", "AuditEvent", "ChangeEvent", "Redirect", "Page", "User", "Newsletter", "Subscriber", "CaughtEmail" CASCADE',
  );
}

/** True when the database holds no content yet (the start script seeds only then). */
export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  const [users, articles] = await Promise.all([db.user.count(), db.article.count()]);
  return users === 0 && articles === 0;
}

/**
 * Writes the demo publication: 7 sections (one a subsection), 3 campaigns (one partner-sponsored),
 * 12 authors, 60 published articles with hero images, plus drafts, articles in review, scheduled and
 * archived ones, two newsletters, the standing pages (about, contact, ethics and corrections, masthead, methodology) and
 * the demo accounts. Deterministic apart from the current time.
 */
export async function seedDemo(db: PrismaClient, storage: MediaStorage, { now = new Date() }: { now?: Date } = {}) {
  const rand = seededRandom(2020);
  const users: Awaited<ReturnType<typeof seedUser>>[] = [];
  for (const account of demoAccounts) users.push(await seedUser(db, account));
  const writer = users.find((u) => u.role === 'WRITER')!;

  const sections = new Map<string, { id: string; name: string }>();
  for (const [position, s] of demoSections.entries()) sections.set(s.slug, await seedSection(db, { ...s, position }));
  for (const s of demoSubsections) {
    sections.set(s.slug, await seedSection(db, { name: s.name, slug: s.slug, description: s.description, parentId: sections.get(s.parent)!.id }));
  }

  const authors: Awaited<ReturnType<typeof seedAuthor>>[] = [];
  for (const [i, a] of demoAuthors.entries()) {
    const photo = await seedImage(db, storage, { seed: 900 + i, width: 400, height: 400, alt: `Illustrated portrait background for ${a.name}`, credit: 'Masthead' });
    authors.push(await seedAuthor(db, { ...a, photoId: photo.id, userId: a.name === 'Tom Okafor' ? writer.id : null }));
  }
  const author = (name: string) => authors.find((a) => a.name === name)!.id;

  const month = 30 * 24 * HOUR;
  const campaigns = new Map<string, { id: string }>();
  for (const c of demoCampaigns) {
    const startsAt = new Date(now.getTime() - c.startMonthsAgo * month - 5 * 24 * HOUR);
    campaigns.set(
      c.slug,
      await seedCampaign(db, { ...c, startsAt, endsAt: new Date(startsAt.getTime() + c.lengthMonths * month) }),
    );
  }

  for (const p of demoPages) {
    await seedPage(db, { title: p.title, slug: p.slug, standfirst: p.standfirst, role: p.role, position: p.position, showInFooter: 'showInFooter' in p ? p.showInFooter : true, body: demoPageBody(p.blocks) });
  }

  // Readers can sign up from the first start; with no SMTP_URL the mail stays in the built-in catcher.
  await seedNewsletter(db, { name: 'Daily briefing', description: 'The day’s stories, every morning at 07:00 UTC.', mode: 'DIGEST', position: 0 });
  await seedNewsletter(db, {
    name: 'Life sciences alerts',
    description: 'Each life sciences story as it is published.',
    sectionIds: [sections.get('life-sciences')!.id],
    position: 1,
  });

  const tags = new Map<string, string>();
  for (const name of demoTags) tags.set(name, (await seedTag(db, name)).id);

  const images: Awaited<ReturnType<typeof seedImage>>[] = [];
  for (let i = 0; i < 24; i++) {
    images.push(
      await seedImage(db, storage, {
        seed: i + 1,
        alt: `Illustration: layered hills under a pale sun, picture ${i + 1} of the demo library`,
        caption: 'Layered hills at dusk, an illustration made for the demo publication.',
        credit: demoCredits[i % demoCredits.length],
      }),
    );
  }

  const leadAuthor: Record<string, string> = {
    'life-sciences': 'Tom Okafor',
    technology: 'Ingrid Larsen',
    climate: 'Mateo Alvarez',
    business: 'Grace Chen',
    health: 'Samuel Adeyemi',
    culture: 'Clara Moreau',
  };
  const campaignFor = (slug: string, i: number): string | null => {
    if (slug === 'life-sciences' && i < 4) return 'life-sciences-2020';
    if (slug === 'climate' && i < 4 && i % 2 === 1) return 'energy-transition-week';
    if ((slug === 'technology' && i === 9) || (slug === 'climate' && i === 2) || (slug === 'business' && i === 4)) return 'future-of-cities-2026';
    return null;
  };
  const tagFor: Record<string, string> = {
    'life-sciences': 'Gene therapy',
    technology: 'AI',
    climate: 'Batteries',
    business: 'Interest rates',
    health: 'NHS',
    culture: 'Books',
  };

  // Interleave sections so the front page mixes them; the newest articles are within the last 48 hours.
  let n = 0;
  for (let i = 0; i < 10; i++) {
    for (const s of demoSections) {
      const { headline, topic } = demoHeadlines[s.slug]![i]!;
      const campaignSlug = campaignFor(s.slug, i);
      const partner = campaignSlug === 'life-sciences-2020';
      const authorIds = partner
        ? [author('Neelam Patel'), ...(i % 2 ? [author('David Kim')] : [])]
        : [author(leadAuthor[s.slug]!), ...(n % 7 === 0 ? [author('Amara Singh')] : [])];
      const sectionSlug = s.slug === 'life-sciences' && i >= 6 ? 'biotech' : s.slug;
      const article = await seedArticle(db, {
        headline,
        standfirst: `What is changing in ${topic}, who is driving it, and what it means for the year ahead.`,
        body: demoBody(topic, s.name, rand),
        sectionId: sections.get(sectionSlug)!.id,
        campaignId: campaignSlug ? campaigns.get(campaignSlug)!.id : null,
        heroImageId: images[n % images.length]!.id,
        authorIds,
        tagIds: [tags.get(tagFor[s.slug]!)!, ...(n % 5 === 0 ? [tags.get('Start-ups')!] : []), ...(n % 6 === 0 ? [tags.get('Regulation')!] : [])],
        sponsored: partner,
        status: 'PUBLISHED',
        publishedAt: new Date(now.getTime() - (2 + n * 19) * HOUR),
        createdById: writer.id,
      });
      // One story carries a correction, so its foot, JSON-LD, the feeds and /corrections show one.
      if (n === 8) {
        await seedCorrection(db, {
          articleId: article.id,
          text: `An earlier version of this article said the figures on ${topic} were published last spring. They were published in the autumn; this has been corrected.`,
          publishedAt: new Date(now.getTime() - (n * 19 - 10) * HOUR),
        });
      }
      n++;
    }
  }

  const unpublished: { headline: string; status: 'DRAFT' | 'IN_REVIEW' | 'SCHEDULED' | 'ARCHIVED'; section: string; inHours?: number }[] = [
    { headline: 'Draft: the hospitals testing AI triage', status: 'DRAFT', section: 'health' },
    { headline: 'Draft: a season of new opera', status: 'DRAFT', section: 'culture' },
    { headline: 'Draft: who owns the charging network', status: 'DRAFT', section: 'climate' },
    { headline: 'Draft: the pension funds buying farmland', status: 'DRAFT', section: 'business' },
    { headline: 'In review: a vaccine plant reopens', status: 'IN_REVIEW', section: 'life-sciences' },
    { headline: 'In review: the browser engine wars return', status: 'IN_REVIEW', section: 'technology' },
    { headline: 'Scheduled: the budget, line by line', status: 'SCHEDULED', section: 'business', inHours: 20 },
    { headline: 'Scheduled: a week without cars in the city centre', status: 'SCHEDULED', section: 'climate', inHours: 50 },
    { headline: 'Scheduled: the new head of the medicines regulator', status: 'SCHEDULED', section: 'life-sciences', inHours: 80 },
    { headline: 'Archived: last year’s flu season in review', status: 'ARCHIVED', section: 'health' },
  ];
  for (const [i, a] of unpublished.entries()) {
    const section = demoSections.find((s) => s.slug === a.section)!;
    await seedArticle(db, {
      headline: a.headline,
      slug: slugify(a.headline.replace(/^[^:]+:\s*/, '')),
      standfirst: `Work in progress on ${a.headline.toLowerCase()}.`,
      body: demoBody(a.headline.replace(/^[^:]+:\s*/, ''), section.name, rand),
      sectionId: sections.get(a.section)!.id,
      heroImageId: i % 2 ? images[i]!.id : null,
      authorIds: [author(leadAuthor[a.section]!)],
      status: a.status,
      scheduledAt: a.inHours ? new Date(now.getTime() + a.inHours * HOUR) : null,
      publishedAt: a.status === 'ARCHIVED' ? new Date(now.getTime() - 300 * 24 * HOUR) : null,
      createdById: writer.id,
    });
  }
}
