/**
 * Authorization matrix: every server action and route handler of the production build × {anonymous,
 * writer, editor, admin} × {own object, someone else's} × {no header, forged `x-middleware-subrequest`
 * headers} → exactly the allow or deny that the capability table (lib/auth/permissions.ts) implies, judged
 * by the database (did the write happen?), not only by the HTTP status. Runs the production server (scripts/serve.mjs, as npm start does) on the database in DATABASE_URL (scripts/with-test-database.ts
 * gives a fresh one) and talks to it over HTTP as a browser would:
 *
 * - Server actions are POSTs with `Next-Action: <id>` and the arguments serialised by React's own
 *   `encodeReply`; ids come from .next/server/server-reference-manifest.json and are mapped to names.
 *   An action or route handler of the build without a row in `ACTION_ROWS` / `ROUTE_ROWS` fails the check
 *   ("unclassified action X"): add its row when you add the action.
 * - The Content and Admin API (/api/v1) is called with each kind of key instead of a session (`API_ROWS`):
 *   none, a wrong one, a revoked one, a content key, and an admin key of each role, whose expectations
 *   come from the same capability table; a session alone must be a 401 there (`ROUTE_ROWS`).
 * - Signed-in roles sign in through Auth.js's credentials endpoint and send their session cookie.
 *   Anonymous requests send a forged session cookie, so proxy.ts (which only looks for the cookie) lets
 *   them through and the action's or handler's own check is what is tested.
 *
 *   npx tsx scripts/with-test-database.ts -- node --import tsx scripts/security/authorization-matrix.ts
 *   (AUTHZ_PORT, default 3630; AUTHZ_ONLY=<name substring> runs only matching rows)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '@/lib/auth/password';
import { signReaderToken, type TokenPurpose } from '@/lib/newsletters/tokens';
import { roleCan, rolesWith, type Capability } from '@/lib/auth/permissions';
import { createPrismaClient } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';
import {
  seedArticle,
  seedAuthor,
  seedCampaign,
  seedCorrection,
  seedImage,
  seedIntegration,
  seedWebhookEndpoint,
  seedNewsletter,
  seedPage,
  seedSection,
  sampleBody,
  uniqueSuffix,
} from '../../prisma/seed/factories';
import { paintPicture } from '../../prisma/seed/images';
import { projectRoot } from '../lib/database';
import { printFigure, startProductionServer } from './lib/harness';
import { actionsOfBuild, callAction, routesOfBuild, send, signIn, type Answer, type BuiltAction } from './lib/next-http';

type Who = 'ANONYMOUS' | Role;
type Ownership = 'own' | 'other';
const WHO: Who[] = ['ANONYMOUS', 'WRITER', 'EDITOR', 'ADMIN'];
const EVERYONE: Who[] = WHO;

// Expectations come from the one capability table (lib/auth/permissions.ts), as the operations and the
// dashboard read it: a row names the capability its action needs, so changing the table changes what
// the matrix expects, and an operation that checks something else shows up as unexpected.
const holders = (capability: Capability): Who[] => rolesWith(capability);
/** Roles that hold every one of the capabilities. */
const holdersOfAll = (...capabilities: Capability[]): Who[] => WHO.filter((who) => who !== 'ANONYMOUS' && capabilities.every((c) => roleCan(who, c)));
/** The same capability for one's own object and someone else's. */
const anyObject = (capability: Capability): Record<Ownership, Who[]> => ({ own: holders(capability), other: holders(capability) });
/** One capability on one's own object, another on someone else's (e.g. edit:own-article / edit:any-article). */
const ownOr = (own: Capability, others: Capability): Record<Ownership, Who[]> => ({ own: holders(own), other: holders(others) });
/** Open to anyone, signed in or not: no capability. */
const PUBLIC: Record<Ownership, Who[]> = { own: EVERYONE, other: EVERYONE };

/** The forged headers of CVE-2025-29927 and its Next 16 (`proxy`) variants; none may grant anything. */
const HEADER_VARIANTS: { name: string; headers: Record<string, string> }[] = [
  { name: 'no header', headers: {} },
  ...['middleware', 'proxy', 'src/middleware', 'src/proxy'].map((name) => ({
    name: `x-middleware-subrequest: ${name}×5`,
    headers: { 'x-middleware-subrequest': Array(5).fill(name).join(':') },
  })),
];

const PASSWORD = 'authorization matrix password';
const port = Number(process.env.AUTHZ_PORT ?? 3630);
const base = `http://127.0.0.1:${port}`;
/** The server's AUTH_SECRET, which also signs the newsletter links the rows below forge or hold. */
const authSecret = process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url');
const log = (line: string) => console.log(`[authz] ${line}`);

/** Shared fixtures, made once. */
type Fixtures = {
  sectionId: string;
  sectionSlug: string;
  authorId: string;
  imageId: string;
  imageKey: string;
  passwordHash: string;
  /** A published article, for newsletter sends. */
  publishedArticleId: string;
  /** The server's media storage, for images a case makes. */
  storage: MediaStorage;
};

/** One case: who asks, about whose object, with a marker unique to it. */
type Case = {
  db: PrismaClient;
  fx: Fixtures;
  who: Who;
  ownership: Ownership;
  /** The signed-in user (null for anonymous). */
  actor: { id: string; email: string; role: Role } | null;
  /** Owner of the object: the actor for `own` (a fresh writer for anonymous), another writer for `other`. */
  ownerId: string;
  marker: string;
};

/** A prepared action call: the arguments, and how to see from the database that it took effect. */
type ActionCall = { args: unknown[]; pathParams?: Record<string, string>; tookEffect: (answer: Answer) => Promise<boolean> };

/**
 * One row per server action: who may call it on their own object and on someone else's, how to build a
 * valid call for a case, and how to see its effect. `effect` says in words what is checked.
 */
type ActionRow = { name: string; allowed: Record<Ownership, Who[]>; effect: string; prepare: (c: Case) => Promise<ActionCall> };

/** One row per route handler: the request to make and how to tell it was served (or leaked) as it must not be. */
type RouteRow = {
  route: string;
  allowed: Record<Ownership, Who[]>;
  effect: string;
  prepare: (
    c: Case,
  ) => Promise<{ method: 'GET' | 'POST' | 'DELETE'; path: string; body?: string; contentType?: string; tookEffect: (answer: Answer) => Promise<boolean> }>;
};

// ------------------------------------------------------------------------------------- fixtures

async function writer(db: PrismaClient, fx: Fixtures) {
  return db.user.create({
    data: { email: `writer-${uniqueSuffix()}@authz.test`, name: 'Other Writer', role: 'WRITER', passwordHash: fx.passwordHash },
  });
}

/** A draft owned by the case's owner, complete enough for the publish checklist. */
async function draftOf(c: Case, overrides: { status?: 'DRAFT' | 'PUBLISHED' } = {}) {
  return seedArticle(c.db, {
    headline: `Matrix draft ${c.marker}`,
    slug: `matrix-${c.marker}`,
    status: overrides.status ?? 'DRAFT',
    sectionId: c.fx.sectionId,
    authorIds: [c.fx.authorId],
    heroImageId: c.fx.imageId,
    createdById: c.ownerId,
  });
}

function contentOf(c: Case, article: { headline: string; slug: string; standfirst: string }, text: string) {
  return {
    headline: article.headline,
    slug: article.slug,
    standfirst: article.standfirst,
    body: sampleBody(text),
    sectionId: c.fx.sectionId,
    campaignId: null,
    authorIds: [c.fx.authorId],
    tagNames: [],
    heroImageId: c.fx.imageId,
    heroAlt: 'An abstract landscape of hills under a pale sun',
    heroCaption: '',
    heroCredit: '',
    sponsored: false,
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
  };
}

/** The user a user-management action targets: the actor themself (own) or a fresh writer (other). */
async function targetUser(c: Case) {
  if (c.ownership === 'own' && c.actor) return c.db.user.findUniqueOrThrow({ where: { id: c.actor.id } });
  return c.db.user.findUniqueOrThrow({ where: { id: c.ownerId } });
}

/** An unused library image uploaded by the case's owner (small, so a case stays quick). */
function imageOf(c: Case) {
  return seedImage(c.db, c.fx.storage, { width: 64, height: 48, uploadedById: c.ownerId });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const INITIAL_FORM_STATE = { ok: false, message: '' };
const since = (c: Case) => ({ gte: new Date(Number(c.marker.split('-')[0]) - 1000) });

// ---------------------------------------------------------------------------- expectation table

/** Server actions. Add a row with every new action; the check fails on an action it does not know. */
export const ACTION_ROWS: ActionRow[] = [
  {
    name: 'loginAction',
    allowed: PUBLIC,
    effect:
      'a failed sign-in is audited (anyone may try to sign in; the target is a fresh account each time, so per-account throttling never mixes cases)',
    async prepare(c) {
      const target = await writer(c.db, c.fx);
      return {
        args: [{}, form({ email: target.email, password: 'wrong password', callbackUrl: '/dashboard' })],
        tookEffect: async () =>
          (await c.db.auditEvent.count({ where: { action: 'auth.sign_in_failed', actorEmail: target.email, createdAt: since(c) } })) > 0,
      };
    },
  },
  {
    name: 'logoutAction',
    allowed: PUBLIC,
    effect: 'answers with a redirect to the signed-out login page (it only ever ends the caller’s own session)',
    async prepare() {
      return {
        args: [],
        tookEffect: async (a) => (a.headers.get('x-action-redirect') ?? a.headers.get('location') ?? '').includes('signedOut'),
      };
    },
  },
  {
    name: 'createArticleAction',
    allowed: anyObject('create:article'),
    effect: 'an article with the case’s headline exists',
    async prepare(c) {
      const headline = `Matrix created ${c.marker}`;
      return {
        args: [{}, form({ headline, sectionId: c.fx.sectionId })],
        tookEffect: async () => (await c.db.article.count({ where: { headline } })) === 1,
      };
    },
  },
  {
    name: 'saveArticleAction',
    allowed: ownOr('edit:own-article', 'edit:any-article'),
    effect: 'the article is at version 2 with the new body and its revision',
    async prepare(c) {
      const article = await draftOf(c);
      const text = `saved ${c.marker}`;
      return {
        args: [{ articleId: article.id, baseVersion: 1, content: contentOf(c, article, text) }],
        pathParams: { id: article.id },
        tookEffect: async () => {
          const row = await c.db.article.findUniqueOrThrow({ where: { id: article.id } });
          const revision = await c.db.articleRevision.count({ where: { articleId: article.id, version: 2 } });
          return row.version === 2 && row.bodyText.includes(text) && revision === 1;
        },
      };
    },
  },
  {
    name: 'transitionArticleAction',
    allowed: anyObject('publish:article'),
    effect: 'the draft (complete for the checklist) is PUBLISHED with a date: only editors and admins publish, even their own',
    async prepare(c) {
      const article = await draftOf(c);
      return {
        args: [{ articleId: article.id, action: 'publish' }],
        pathParams: { id: article.id },
        tookEffect: async () => {
          const row = await c.db.article.findUniqueOrThrow({ where: { id: article.id } });
          return row.status === 'PUBLISHED' && row.publishedAt !== null;
        },
      };
    },
  },
  {
    name: 'restoreRevisionAction',
    allowed: ownOr('edit:own-article', 'edit:any-article'),
    effect: 'a new version 2 restored from revision 1 exists',
    async prepare(c) {
      const article = await draftOf(c);
      const revision = await c.db.articleRevision.findFirstOrThrow({ where: { articleId: article.id, version: 1 } });
      return {
        args: [{ articleId: article.id, revisionId: revision.id, baseVersion: 1 }],
        pathParams: { id: article.id },
        tookEffect: async () => (await c.db.article.findUniqueOrThrow({ where: { id: article.id } })).version === 2,
      };
    },
  },
  {
    name: 'copyArticleAction',
    allowed: anyObject('create:article'),
    effect: 'a draft copy owned by the caller exists (the copy carries only text the caller sent; it reads nothing of the original)',
    async prepare(c) {
      const article = await draftOf(c);
      const headline = `Matrix copy ${c.marker}`;
      return {
        args: [{ content: { ...contentOf(c, article, 'copied'), headline } }],
        pathParams: { id: article.id },
        tookEffect: async () => (await c.db.article.count({ where: { headline, createdById: c.actor?.id ?? '-' } })) === 1,
      };
    },
  },
  {
    name: 'heartbeatAction',
    allowed: ownOr('edit:own-article', 'edit:any-article'),
    effect: 'a presence row for (article, caller) exists',
    async prepare(c) {
      const article = await draftOf(c);
      return {
        args: [article.id],
        pathParams: { id: article.id },
        tookEffect: async () => (await c.db.articlePresence.count({ where: { articleId: article.id } })) > 0,
      };
    },
  },
  {
    name: 'sharePreviewAction',
    allowed: { own: holdersOfAll('share:article', 'edit:own-article'), other: holdersOfAll('share:article', 'edit:any-article') },
    effect: 'a signed preview link is returned (no database write: judged by the answer, which must carry /preview/<token>)',
    async prepare(c) {
      const article = await draftOf(c);
      return { args: [article.id], pathParams: { id: article.id }, tookEffect: async (a) => /\/preview\/[A-Za-z0-9._-]{20,}/.test(a.text) };
    },
  },
  {
    name: 'addCorrectionAction',
    allowed: anyObject('correct:article'),
    effect: 'a correction with the case’s marker exists on the published article: only editors and admins correct, whoever wrote it',
    async prepare(c) {
      const article = await draftOf(c, { status: 'PUBLISHED' });
      const text = `Matrix correction ${c.marker}`;
      return {
        args: [{}, form({ articleId: article.id, kind: 'CORRECTION', text })],
        pathParams: { id: article.id },
        tookEffect: async () => (await c.db.correction.count({ where: { articleId: article.id, text } })) === 1,
      };
    },
  },
  {
    name: 'removeCorrectionAction',
    allowed: anyObject('correct:article'),
    effect: 'the fresh correction of the published article is gone: only editors and admins withdraw one',
    async prepare(c) {
      const article = await draftOf(c, { status: 'PUBLISHED' });
      const correction = await seedCorrection(c.db, { articleId: article.id, text: `Matrix withdrawal ${c.marker}` });
      return {
        args: [{}, form({ correctionId: correction.id })],
        pathParams: { id: article.id },
        tookEffect: async () => (await c.db.correction.count({ where: { id: correction.id } })) === 0,
      };
    },
  },
  {
    name: 'createUserAction',
    allowed: anyObject('manage:users'),
    effect: 'a user with the case’s email exists',
    async prepare(c) {
      const email = `made-${c.marker}@authz.test`;
      return {
        args: [INITIAL_FORM_STATE, form({ email, name: 'Made By Matrix', role: 'ADMIN', password: 'a long enough password' })],
        tookEffect: async () => (await c.db.user.count({ where: { email } })) === 1,
      };
    },
  },
  {
    name: 'changeRoleAction',
    allowed: anyObject('manage:users'),
    effect:
      'the target’s role changed (own: a writer or editor making themself ADMIN; an admin stepping down to EDITOR while another admin exists)',
    async prepare(c) {
      const target = await targetUser(c);
      const role = target.role === 'ADMIN' ? 'EDITOR' : 'ADMIN';
      return {
        args: [INITIAL_FORM_STATE, form({ userId: target.id, role })],
        tookEffect: async () => (await c.db.user.findUniqueOrThrow({ where: { id: target.id } })).role === role,
      };
    },
  },
  {
    name: 'setDisabledAction',
    allowed: { own: [], other: holders('manage:users') },
    effect: 'the target is disabled (nobody may disable their own account, admins included)',
    async prepare(c) {
      const target = await targetUser(c);
      return {
        args: [INITIAL_FORM_STATE, form({ userId: target.id, disabled: 'true' })],
        tookEffect: async () => (await c.db.user.findUniqueOrThrow({ where: { id: target.id } })).disabled,
      };
    },
  },
  {
    name: 'resetPasswordAction',
    allowed: anyObject('manage:users'),
    effect: 'the target’s password hash changed',
    async prepare(c) {
      const target = await targetUser(c);
      return {
        args: [INITIAL_FORM_STATE, form({ userId: target.id, password: `new password ${c.marker}` })],
        tookEffect: async () => (await c.db.user.findUniqueOrThrow({ where: { id: target.id } })).passwordHash !== target.passwordHash,
      };
    },
  },
  {
    name: 'uploadImageAction',
    allowed: anyObject('upload:media'),
    effect: 'an image with the case’s alt text exists (every signed-in role may upload; an upload has no owner before it exists)',
    async prepare(c) {
      const alt = `Matrix upload ${c.marker}`;
      const bytes = await paintPicture({ seed: 7, width: 64, height: 48 });
      const file = new File([new Uint8Array(bytes)], 'matrix.jpg', { type: 'image/jpeg' });
      const data = form({ alt, caption: '', credit: '' });
      data.set('file', file);
      return {
        args: [INITIAL_FORM_STATE, data],
        tookEffect: async () => (await c.db.image.count({ where: { alt } })) === 1,
      };
    },
  },
  {
    name: 'updateImageAction',
    allowed: ownOr('upload:media', 'manage:media'),
    effect: 'the image (uploadedById: own or another writer) is at version 2 with the new alt text: a writer edits only their own uploads',
    async prepare(c) {
      const image = await imageOf(c);
      const alt = `Matrix alt ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ imageId: image.id, baseVersion: '1', alt, caption: '', credit: '' })],
        pathParams: { id: image.id },
        tookEffect: async () => {
          const row = await c.db.image.findUniqueOrThrow({ where: { id: image.id } });
          return row.version === 2 && row.alt === alt;
        },
      };
    },
  },
  {
    name: 'deleteImageAction',
    allowed: ownOr('upload:media', 'manage:media'),
    effect: 'the unused image (uploadedById: own or another writer) is gone: a writer deletes only their own uploads',
    async prepare(c) {
      const image = await imageOf(c);
      return {
        args: [INITIAL_FORM_STATE, form({ imageId: image.id })],
        pathParams: { id: image.id },
        tookEffect: async () => (await c.db.image.count({ where: { id: image.id } })) === 0,
      };
    },
  },
  {
    name: 'createSectionAction',
    allowed: anyObject('manage:sections'),
    effect: 'a section with the case’s name exists (sections have no owner: editors and admins only)',
    async prepare(c) {
      const name = `Matrix section ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ name, slug: '', description: '' })],
        tookEffect: async () => (await c.db.section.count({ where: { name } })) === 1,
      };
    },
  },
  {
    name: 'updateSectionAction',
    allowed: anyObject('manage:sections'),
    effect: 'the section is at version 2 with the new name',
    async prepare(c) {
      const section = await seedSection(c.db, { name: `Matrix section ${c.marker}` });
      const name = `Matrix renamed ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ id: section.id, version: '1', name, slug: section.slug, description: '', place: '' })],
        tookEffect: async () => {
          const row = await c.db.section.findUniqueOrThrow({ where: { id: section.id } });
          return row.version === 2 && row.name === name;
        },
      };
    },
  },
  {
    name: 'moveSectionAction',
    allowed: anyObject('manage:sections'),
    effect: 'the second of two subsections (under a parent of the case’s own) now comes before the first',
    async prepare(c) {
      const parent = await seedSection(c.db, { name: `Matrix parent ${c.marker}` });
      const first = await seedSection(c.db, { name: `Matrix first ${c.marker}`, parentId: parent.id, position: 0 });
      const second = await seedSection(c.db, { name: `Matrix second ${c.marker}`, parentId: parent.id, position: 1 });
      return {
        args: [INITIAL_FORM_STATE, form({ id: second.id, version: '1', direction: 'up' })],
        tookEffect: async () => {
          const [a, b] = await Promise.all([first, second].map((s) => c.db.section.findUniqueOrThrow({ where: { id: s.id } })));
          return b!.position < a!.position;
        },
      };
    },
  },
  {
    name: 'deleteSectionAction',
    allowed: anyObject('manage:sections'),
    effect: 'the empty section is gone',
    async prepare(c) {
      const section = await seedSection(c.db, { name: `Matrix section ${c.marker}` });
      return {
        args: [INITIAL_FORM_STATE, form({ id: section.id, version: '1' })],
        tookEffect: async () => (await c.db.section.count({ where: { id: section.id } })) === 0,
      };
    },
  },
  {
    name: 'createCampaignAction',
    allowed: anyObject('manage:campaigns'),
    effect: 'a campaign with the case’s name exists (campaigns have no owner: editors and admins only)',
    async prepare(c) {
      const name = `Matrix campaign ${c.marker}`;
      return {
        args: [
          INITIAL_FORM_STATE,
          form({ name, slug: '', description: '', partnerName: 'Matrix Partner', disclosureLabel: '', startsOn: '', endsOn: '' }),
        ],
        tookEffect: async () => (await c.db.campaign.count({ where: { name } })) === 1,
      };
    },
  },
  {
    name: 'updateCampaignAction',
    allowed: anyObject('manage:campaigns'),
    effect: 'the campaign is at version 2 with the new name',
    async prepare(c) {
      const campaign = await seedCampaign(c.db, { name: `Matrix campaign ${c.marker}` });
      const name = `Matrix renamed ${c.marker}`;
      return {
        args: [
          INITIAL_FORM_STATE,
          form({
            id: campaign.id,
            version: '1',
            name,
            slug: campaign.slug,
            description: '',
            partnerName: '',
            disclosureLabel: '',
            startsOn: '',
            endsOn: '',
          }),
        ],
        tookEffect: async () => {
          const row = await c.db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
          return row.version === 2 && row.name === name;
        },
      };
    },
  },
  {
    name: 'createPageAction',
    allowed: anyObject('manage:pages'),
    effect: 'a standing page with the case’s title exists (pages have no owner: editors and admins only)',
    async prepare(c) {
      const title = `Matrix page ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ title, slug: '', standfirst: '', role: '', position: '0', body: JSON.stringify(sampleBody('matrix')) })],
        tookEffect: async () => (await c.db.page.count({ where: { title } })) === 1,
      };
    },
  },
  {
    name: 'updatePageAction',
    allowed: anyObject('manage:pages'),
    effect: 'the standing page is at version 2 with the new title',
    async prepare(c) {
      const page = await seedPage(c.db, { title: `Matrix page ${c.marker}` });
      const title = `Matrix renamed ${c.marker}`;
      return {
        args: [
          INITIAL_FORM_STATE,
          form({ id: page.id, version: '1', title, slug: page.slug, standfirst: '', role: '', showInFooter: 'on', position: '0', body: JSON.stringify(sampleBody('matrix')) }),
        ],
        tookEffect: async () => {
          const row = await c.db.page.findUniqueOrThrow({ where: { id: page.id } });
          return row.version === 2 && row.title === title;
        },
      };
    },
  },
  {
    name: 'deletePageAction',
    allowed: anyObject('manage:pages'),
    effect: 'the standing page is gone',
    async prepare(c) {
      const page = await seedPage(c.db, { title: `Matrix page ${c.marker}` });
      return {
        args: [INITIAL_FORM_STATE, form({ id: page.id, version: '1' })],
        tookEffect: async () => (await c.db.page.count({ where: { id: page.id } })) === 0,
      };
    },
  },
  {
    name: 'createAuthorAction',
    allowed: anyObject('manage:authors'),
    effect: 'an author profile with the case’s name exists (profiles are managed by editors and admins only)',
    async prepare(c) {
      const name = `Matrix author ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ name, slug: '', jobTitle: '', organisation: '', bio: '', photoId: '', userId: '' })],
        tookEffect: async () => (await c.db.author.count({ where: { name } })) === 1,
      };
    },
  },
  {
    name: 'updateAuthorAction',
    allowed: anyObject('manage:authors'),
    effect: 'the author profile is at version 2 with the new name',
    async prepare(c) {
      const author = await seedAuthor(c.db, { name: `Matrix author ${c.marker}` });
      const name = `Matrix renamed ${c.marker}`;
      return {
        args: [
          INITIAL_FORM_STATE,
          form({ id: author.id, version: '1', name, slug: author.slug, jobTitle: '', organisation: '', bio: '', photoId: '', userId: '' }),
        ],
        tookEffect: async () => {
          const row = await c.db.author.findUniqueOrThrow({ where: { id: author.id } });
          return row.version === 2 && row.name === name;
        },
      };
    },
  },
  {
    name: 'createIntegrationAction',
    allowed: anyObject('manage:integrations'),
    effect: 'an integration with the case’s name exists (admins only: its key could write as an admin)',
    async prepare(c) {
      const name = `Matrix integration ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ name, description: '', scope: 'admin', role: 'ADMIN' })],
        tookEffect: async () => (await c.db.integration.count({ where: { name } })) === 1,
      };
    },
  },
  {
    name: 'rotateIntegrationAction',
    allowed: anyObject('manage:integrations'),
    effect: 'the integration’s key changed (its public id moved on)',
    async prepare(c) {
      const made = await seedIntegration(c.db, { scope: 'CONTENT', name: `Matrix rotate ${c.marker}` });
      return {
        args: [INITIAL_FORM_STATE, form({ integrationId: made.id })],
        tookEffect: async () => (await c.db.integration.findUniqueOrThrow({ where: { id: made.id } })).publicId !== made.publicId,
      };
    },
  },
  {
    name: 'revokeIntegrationAction',
    allowed: anyObject('manage:integrations'),
    effect: 'the integration is revoked',
    async prepare(c) {
      const made = await seedIntegration(c.db, { scope: 'CONTENT', name: `Matrix revoke ${c.marker}` });
      return {
        args: [INITIAL_FORM_STATE, form({ integrationId: made.id })],
        tookEffect: async () => (await c.db.integration.findUniqueOrThrow({ where: { id: made.id } })).revokedAt !== null,
      };
    },
  },
  {
    name: 'createWebhookEndpointAction',
    allowed: anyObject('manage:webhooks'),
    effect: 'an endpoint with the case’s URL exists (admins only: it would receive every change)',
    async prepare(c) {
      const url = `https://hooks.example.com/matrix-${c.marker}`;
      return { args: [INITIAL_FORM_STATE, form({ url, description: '', events: 'article.published', enabled: 'on' })], tookEffect: async () => (await c.db.webhookEndpoint.count({ where: { url } })) === 1 };
    },
  },
  {
    name: 'updateWebhookEndpointAction',
    allowed: anyObject('manage:webhooks'),
    effect: 'the endpoint is at version 2 with the new URL',
    async prepare(c) {
      const endpoint = await seedWebhookEndpoint(c.db);
      const url = `https://hooks.example.com/matrix-moved-${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ endpointId: endpoint.id, version: '1', url, description: '', events: 'article.updated', enabled: 'on' })],
        tookEffect: async () => {
          const row = await c.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
          return row.version === 2 && row.url === url;
        },
      };
    },
  },
  {
    name: 'deleteWebhookEndpointAction',
    allowed: anyObject('manage:webhooks'),
    effect: 'the endpoint is gone',
    async prepare(c) {
      const endpoint = await seedWebhookEndpoint(c.db);
      return { args: [INITIAL_FORM_STATE, form({ endpointId: endpoint.id })], tookEffect: async () => (await c.db.webhookEndpoint.count({ where: { id: endpoint.id } })) === 0 };
    },
  },
  {
    name: 'createNewsletterAction',
    allowed: anyObject('manage:newsletters'),
    effect: 'a newsletter with the case’s name exists',
    async prepare(c) {
      const name = `Matrix newsletter ${c.marker}`;
      return {
        args: [INITIAL_FORM_STATE, form({ name, slug: '', description: '', mode: 'EACH_ARTICLE', digestTime: '07:00', senderName: 'Desk', senderEmail: 'desk@news.example', enabled: 'on' })],
        tookEffect: async () => (await c.db.newsletter.count({ where: { name } })) === 1,
      };
    },
  },
  {
    name: 'updateNewsletterAction',
    allowed: anyObject('manage:newsletters'),
    effect: 'the newsletter is at version 2 with the new name',
    async prepare(c) {
      const newsletter = await seedNewsletter(c.db);
      const name = `Matrix renamed ${c.marker}`;
      return {
        args: [
          INITIAL_FORM_STATE,
          form({ newsletterId: newsletter.id, version: '1', name, slug: newsletter.slug, description: '', mode: 'EACH_ARTICLE', digestTime: '07:00', senderName: 'Desk', senderEmail: 'desk@news.example', enabled: 'on' }),
        ],
        tookEffect: async () => {
          const row = await c.db.newsletter.findUniqueOrThrow({ where: { id: newsletter.id } });
          return row.version === 2 && row.name === name;
        },
      };
    },
  },
  {
    name: 'deleteNewsletterAction',
    allowed: anyObject('manage:newsletters'),
    effect: 'the newsletter is gone',
    async prepare(c) {
      const newsletter = await seedNewsletter(c.db);
      return { args: [INITIAL_FORM_STATE, form({ newsletterId: newsletter.id })], tookEffect: async () => (await c.db.newsletter.count({ where: { id: newsletter.id } })) === 0 };
    },
  },
  {
    name: 'sendNewsletterTestAction',
    allowed: anyObject('manage:newsletters'),
    effect: 'a test send of the article exists',
    async prepare(c) {
      const newsletter = await seedNewsletter(c.db);
      return {
        args: [INITIAL_FORM_STATE, form({ newsletterId: newsletter.id, articleId: c.fx.publishedArticleId })],
        tookEffect: async () => (await c.db.newsletterSend.count({ where: { newsletterId: newsletter.id, kind: 'TEST' } })) === 1,
      };
    },
  },
  {
    name: 'sendNewsletterArticleAction',
    allowed: anyObject('manage:newsletters'),
    effect: 'the article is queued to every subscriber (the caller’s own test send made first)',
    async prepare(c) {
      const newsletter = await seedNewsletter(c.db);
      // The rule "a test first" holds for the caller; a test made by someone else would not do.
      if (c.actor)
        await c.db.newsletterSend.create({
          data: { newsletterId: newsletter.id, kind: 'TEST', articleId: c.fx.publishedArticleId, articleIds: [c.fx.publishedArticleId], status: 'DONE', createdById: c.actor.id },
        });
      return {
        args: [INITIAL_FORM_STATE, form({ newsletterId: newsletter.id, articleId: c.fx.publishedArticleId })],
        tookEffect: async () => (await c.db.newsletterSend.count({ where: { newsletterId: newsletter.id, kind: 'ARTICLE' } })) === 1,
      };
    },
  },
  {
    name: 'replayWebhookDeliveryAction',
    allowed: anyObject('manage:webhooks'),
    effect: 'a replay of the delivery was queued (its audit row exists)',
    async prepare(c) {
      const { deliveries } = await seedWebhookEndpoint(c.db, { deliveries: 1 });
      const deliveryId = deliveries[0]!.id;
      return {
        args: [INITIAL_FORM_STATE, form({ deliveryId })],
        tookEffect: async () => (await c.db.auditEvent.count({ where: { action: 'webhook.replayed', targetId: deliveryId } })) === 1,
      };
    },
  },
];

/** A public read must answer 200 and must not show the case's unpublished draft. */
function publicRead(route: string, pathOf: (c: Case, fx: Fixtures) => string): RouteRow {
  return {
    route,
    allowed: PUBLIC,
    effect: 'answers 200 and does not show the case’s unpublished draft (own or someone else’s)',
    async prepare(c) {
      const draft = await draftOf(c);
      return {
        method: 'GET',
        path: pathOf(c, c.fx),
        tookEffect: async (a) => a.status === 200 && !a.text.includes(draft.slug) && !a.text.includes(draft.headline),
      };
    },
  };
}

/** A subscriber with one pending and one active subscription, for the reader routes' rows. */
async function subscriberOf(c: Case) {
  const [pending, active] = [await seedNewsletter(c.db), await seedNewsletter(c.db)];
  const subscriber = await c.db.subscriber.create({
    data: {
      email: `matrix-${c.marker}@reader.test`,
      subscriptions: { create: [{ newsletterId: pending.id, status: 'PENDING' }, { newsletterId: active.id, status: 'ACTIVE' }] },
    },
  });
  const token = (purpose: TokenPurpose) => signReaderToken({ purpose, subscriberId: subscriber.id, secret: authSecret });
  const status = async (newsletterId: string) =>
    (await c.db.newsletterSubscription.findUnique({ where: { subscriberId_newsletterId: { subscriberId: subscriber.id, newsletterId } } }))?.status;
  return { subscriber, pending, active, token, status };
}

/**
 * A reader route whose only authority is the signed link: called, by everyone, with a link signed for
 * another purpose (an unsubscribe link cannot delete data, a preferences link cannot confirm); a
 * session or the role of whoever asks must not make up for it.
 */
function wrongPurposeLink(
  route: string,
  effect: string,
  call: (s: Awaited<ReturnType<typeof subscriberOf>>) => { method: 'GET' | 'POST'; path: string; body?: string; tookEffect: (a: Answer) => Promise<boolean> },
): RouteRow {
  return {
    route,
    allowed: { own: [], other: [] },
    effect,
    async prepare(c) {
      const request = call(await subscriberOf(c));
      return { ...request, ...(request.body ? { contentType: 'application/x-www-form-urlencoded' } : {}) };
    },
  };
}

const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const NEWSLETTER_ROUTE_ROWS: RouteRow[] = [
  {
    route: '/newsletters/subscribe',
    allowed: PUBLIC,
    effect: 'the case’s address has a pending subscription (anyone may ask; nothing is sent before the emailed link is followed)',
    async prepare(c) {
      const newsletter = await seedNewsletter(c.db);
      const email = `signup-${c.marker}@reader.test`;
      return {
        method: 'POST',
        path: '/newsletters/subscribe',
        body: formBody({ email, newsletterIds: newsletter.id }),
        contentType: 'application/x-www-form-urlencoded',
        tookEffect: async () => (await c.db.newsletterSubscription.count({ where: { newsletterId: newsletter.id, subscriber: { email } } })) === 1,
      };
    },
  },
  wrongPurposeLink('/newsletters/confirm', 'a preferences link confirmed the pending subscription', (s) => ({
    method: 'GET',
    path: `/newsletters/confirm?token=${s.token('preferences')}`,
    tookEffect: async () => (await s.status(s.pending.id)) === 'ACTIVE',
  })),
  wrongPurposeLink('/newsletters/one-click', 'a preferences link unsubscribed the reader', (s) => ({
    method: 'POST',
    path: `/newsletters/one-click?token=${s.token('preferences')}`,
    body: formBody({ 'List-Unsubscribe': 'One-Click' }),
    tookEffect: async () => (await s.status(s.active.id)) === 'UNSUBSCRIBED',
  })),
  wrongPurposeLink('/newsletters/preferences/save', 'an unsubscribe link changed the reader’s newsletters', (s) => ({
    method: 'POST',
    path: '/newsletters/preferences/save',
    body: formBody({ token: s.token('unsubscribe'), newsletterIds: s.pending.id }),
    tookEffect: async () => (await s.status(s.active.id)) !== 'ACTIVE',
  })),
  wrongPurposeLink('/newsletters/preferences/export', 'an unsubscribe link downloaded the reader’s data', (s) => ({
    method: 'GET',
    path: `/newsletters/preferences/export?token=${s.token('unsubscribe')}`,
    tookEffect: async (a) => a.text.includes(s.subscriber.email),
  })),
  wrongPurposeLink('/newsletters/preferences/delete', 'an unsubscribe link deleted the reader’s data', (s) => ({
    method: 'POST',
    path: '/newsletters/preferences/delete',
    body: formBody({ token: s.token('unsubscribe') }),
    tookEffect: async () => (await s.status(s.active.id)) === undefined,
  })),
];

/** Every route of the Content and Admin API (each also has its rows in API_ROWS, by key). */
const API_ROUTES = [
  '/api/v1/articles',
  '/api/v1/articles/[id]',
  '/api/v1/articles/[id]/transitions',
  '/api/v1/articles/by-path/[section]/[slug]',
  '/api/v1/sections',
  '/api/v1/sections/[id]',
  '/api/v1/authors',
  '/api/v1/authors/[id]',
  '/api/v1/campaigns',
  '/api/v1/campaigns/[id]',
  '/api/v1/tags',
  '/api/v1/tags/[id]',
  '/api/v1/images',
  '/api/v1/webhooks',
  '/api/v1/webhooks/[id]',
];

function sessionIsNoKey(route: string): RouteRow {
  return {
    route,
    allowed: { own: [], other: [] },
    effect: 'a session cookie without a key is 401 in the API’s error shape',
    async prepare(c) {
      const path = route.replace('[id]', c.fx.sectionId).replace('[section]', c.fx.sectionSlug).replace('[slug]', 'x');
      const postOnly = route.endsWith('/transitions') || route.endsWith('/images');
      const deleteOnly = route.endsWith('/webhooks/[id]');
      return {
        method: postOnly ? 'POST' : deleteOnly ? 'DELETE' : 'GET',
        path,
        ...(postOnly ? { body: JSON.stringify({ action: 'publish' }) } : {}),
        tookEffect: async (a) => !(a.status === 401 && a.text.includes('"code":"unauthorized"')),
      };
    },
  };
}

/** Route handlers, by their route in .next/server/app-paths-manifest.json. Add a row with every new handler. */
export const ROUTE_ROWS: RouteRow[] = [
  {
    route: '/api/auth/[...nextauth]',
    allowed: anyObject('access:dashboard'),
    effect: 'GET /api/auth/session names the caller and nobody else (anonymous: no session)',
    async prepare(c) {
      const other = await c.db.user.findUniqueOrThrow({ where: { id: c.ownerId } });
      return {
        method: 'GET',
        path: '/api/auth/session',
        tookEffect: async (a) =>
          a.status === 200 && !!c.actor && a.text.includes(c.actor.email) && (c.ownership === 'own' || !a.text.includes(other.email)),
      };
    },
  },
  publicRead('/feed.xml', () => '/feed.xml'),
  publicRead('/feeds/[kind]/[slug]', (_c, fx) => `/feeds/sections/${fx.sectionSlug}`),
  publicRead('/feeds/corrections', () => '/feeds/corrections'),
  publicRead('/icon.svg', () => '/icon.svg'),
  publicRead('/media/[key]', (_c, fx) => `/media/${fx.imageKey}`),
  publicRead('/media/crop/[aspect]/[key]', (_c, fx) => `/media/crop/4x3/${fx.imageKey}`),
  publicRead('/news-sitemap.xml', () => '/news-sitemap.xml'),
  publicRead('/robots.txt', () => '/robots.txt'),
  publicRead('/sitemap.xml', () => '/sitemap.xml'),
  publicRead('/sitemaps/articles/[page]', () => '/sitemaps/articles/1'),
  publicRead('/sitemaps/pages.xml', () => '/sitemaps/pages.xml'),
  publicRead('/api/v1/openapi.json', () => '/api/v1/openapi.json'),
  ...NEWSLETTER_ROUTE_ROWS,
  // The API authenticates keys, never sessions: a signed-in admin's cookie alone is a 401.
  ...API_ROUTES.map((route) => sessionIsNoKey(route)),
  {
    route: '/api/v1/[...path]',
    allowed: { own: [], other: [] },
    effect: 'a path of /api/v1 that is no endpoint is a 404 in the API’s error shape, for everyone',
    async prepare() {
      return { method: 'GET', path: '/api/v1/no-such-endpoint', tookEffect: async (a) => !(a.status === 404 && a.text.includes('"code":"not_found"')) };
    },
  },
];


// ------------------------------------------------------------------------------------- API keys

/** Who calls the API: no key, a wrong or revoked one, a content key, or an admin key of each role. */
type KeyWho = 'NO_KEY' | 'WRONG_KEY' | 'REVOKED_KEY' | 'CONTENT_KEY' | 'WRITER_KEY' | 'EDITOR_KEY' | 'ADMIN_KEY';
const KEY_WHO: KeyWho[] = ['NO_KEY', 'WRONG_KEY', 'REVOKED_KEY', 'CONTENT_KEY', 'WRITER_KEY', 'EDITOR_KEY', 'ADMIN_KEY'];
const KEY_ROLES = { WRITER_KEY: 'WRITER', EDITOR_KEY: 'EDITOR', ADMIN_KEY: 'ADMIN' } as const;
/** Any valid key reads published content. */
const READERS: Record<Ownership, KeyWho[]> = { own: ['CONTENT_KEY', 'WRITER_KEY', 'EDITOR_KEY', 'ADMIN_KEY'], other: ['CONTENT_KEY', 'WRITER_KEY', 'EDITOR_KEY', 'ADMIN_KEY'] };
const NOBODY: Record<Ownership, KeyWho[]> = { own: [], other: [] };
/** Admin keys whose role holds the capability (from the one capability table). */
const keysWith = (capability: Capability): KeyWho[] => (Object.keys(KEY_ROLES) as (keyof typeof KEY_ROLES)[]).filter((k) => roleCan(KEY_ROLES[k], capability));
const keyAnyObject = (capability: Capability): Record<Ownership, KeyWho[]> => ({ own: keysWith(capability), other: keysWith(capability) });

/** One API case: which key, about whose object (own: made by the key's integration user). */
type ApiCase = { db: PrismaClient; fx: Fixtures; who: KeyWho; ownership: Ownership; ownerId: string; marker: string };
type ApiCall = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; json?: unknown; form?: FormData; tookEffect: (answer: Answer) => Promise<boolean> };
type ApiRow = { name: string; allowed: Record<Ownership, KeyWho[]>; effect: string; prepare: (c: ApiCase) => Promise<ApiCall> };

async function apiDraft(c: ApiCase, overrides: { status?: 'DRAFT' | 'PUBLISHED' } = {}) {
  return seedArticle(c.db, {
    headline: `Matrix api ${overrides.status ?? 'DRAFT'} ${c.marker}`,
    slug: `matrix-api-${(overrides.status ?? 'DRAFT').toLowerCase()}-${c.marker}`,
    status: overrides.status ?? 'DRAFT',
    publishedAt: overrides.status === 'PUBLISHED' ? new Date(Date.now() - 1000) : null,
    sectionId: c.fx.sectionId,
    authorIds: [c.fx.authorId],
    heroImageId: c.fx.imageId,
    createdById: c.ownerId,
  });
}

/** A read that must answer 200 and never show the case's draft. */
function apiRead(name: string, pathOf: (c: ApiCase, published: { id: string; slug: string }) => string, mustShowPublished = false): ApiRow {
  return {
    name,
    allowed: READERS,
    effect: `answers 200${mustShowPublished ? ' with the case’s published article' : ''} and never the case’s draft`,
    async prepare(c) {
      const draft = await apiDraft(c);
      const published = await apiDraft(c, { status: 'PUBLISHED' });
      return {
        method: 'GET',
        path: pathOf(c, published),
        tookEffect: async (a) => a.status === 200 && !a.text.includes(draft.id) && !a.text.includes(draft.headline) && (!mustShowPublished || a.text.includes(published.id)),
      };
    },
  };
}

export const API_ROWS: ApiRow[] = [
  apiRead('GET /api/v1/articles', (c) => `/api/v1/articles?section=${c.fx.sectionSlug}&limit=100&fields=id,headline`, true),
  apiRead('GET /api/v1/articles?q', (c) => `/api/v1/articles?q=${encodeURIComponent(`Matrix api ${c.marker}`)}&limit=100`, true),
  apiRead('GET /api/v1/articles/[id]', (_c, p) => `/api/v1/articles/${p.id}`, true),
  apiRead('GET /api/v1/articles/by-path/[section]/[slug]', (c, p) => `/api/v1/articles/by-path/${c.fx.sectionSlug}/${p.slug}`, true),
  apiRead('GET /api/v1/sections', () => '/api/v1/sections?limit=100'),
  apiRead('GET /api/v1/sections/[id]', (c) => `/api/v1/sections/${c.fx.sectionId}`),
  apiRead('GET /api/v1/authors', () => '/api/v1/authors?limit=100'),
  apiRead('GET /api/v1/authors/[id]', (c) => `/api/v1/authors/${c.fx.authorId}`),
  apiRead('GET /api/v1/campaigns', () => '/api/v1/campaigns?limit=100'),
  apiRead('GET /api/v1/tags', () => '/api/v1/tags?limit=100'),
  {
    name: 'GET /api/v1/articles/[id] of a draft',
    allowed: NOBODY,
    effect: 'a draft is 404 on the Content API for every key, its own writer’s included',
    async prepare(c) {
      const draft = await apiDraft(c);
      return { method: 'GET', path: `/api/v1/articles/${draft.id}`, tookEffect: async (a) => a.status === 200 || a.text.includes(draft.headline) };
    },
  },
  {
    name: 'POST /api/v1/articles',
    allowed: keyAnyObject('create:article'),
    effect: 'a draft with the case’s headline exists',
    async prepare(c) {
      const headline = `Matrix api created ${c.marker}`;
      return {
        method: 'POST',
        path: '/api/v1/articles',
        json: { headline, sectionId: c.fx.sectionId },
        tookEffect: async () => (await c.db.article.count({ where: { headline } })) === 1,
      };
    },
  },
  {
    name: 'PATCH /api/v1/articles/[id]',
    allowed: { own: keysWith('edit:own-article'), other: keysWith('edit:any-article') },
    effect: 'the draft has the new headline (own: the key’s own draft; other: another writer’s)',
    async prepare(c) {
      const draft = await apiDraft(c);
      const headline = `Matrix api patched ${c.marker}`;
      return {
        method: 'PATCH',
        path: `/api/v1/articles/${draft.id}`,
        json: { version: 1, headline },
        tookEffect: async () => (await c.db.article.findUniqueOrThrow({ where: { id: draft.id } })).headline === headline,
      };
    },
  },
  {
    name: 'POST /api/v1/articles/[id]/transitions publish',
    allowed: keyAnyObject('publish:article'),
    effect: 'the draft is published',
    async prepare(c) {
      const draft = await apiDraft(c);
      return {
        method: 'POST',
        path: `/api/v1/articles/${draft.id}/transitions`,
        json: { action: 'publish' },
        tookEffect: async () => (await c.db.article.findUniqueOrThrow({ where: { id: draft.id } })).status === 'PUBLISHED',
      };
    },
  },
  {
    name: 'POST /api/v1/images',
    allowed: keyAnyObject('upload:media'),
    effect: 'an image with the case’s alt text is in the library',
    async prepare(c) {
      const alt = `Matrix api image ${c.marker}`;
      const data = new FormData();
      data.set('file', new Blob([new Uint8Array(await paintPicture({ seed: 7, width: 64, height: 48 }))], { type: 'image/jpeg' }), 'x.jpg');
      data.set('alt', alt);
      return { method: 'POST', path: '/api/v1/images', form: data, tookEffect: async () => (await c.db.image.count({ where: { alt } })) === 1 };
    },
  },
  {
    name: 'GET /api/v1/webhooks',
    allowed: keyAnyObject('manage:webhooks'),
    effect: 'the answer lists the case’s endpoint (admins only: URLs of other systems)',
    async prepare(c) {
      const endpoint = await seedWebhookEndpoint(c.db, { url: `https://hooks.example.com/matrix-api-${c.marker}` });
      return { method: 'GET', path: '/api/v1/webhooks', tookEffect: async (a) => a.status === 200 && a.text.includes(endpoint.url) };
    },
  },
  {
    name: 'POST /api/v1/webhooks',
    allowed: keyAnyObject('manage:webhooks'),
    effect: 'an endpoint with the case’s URL exists',
    async prepare(c) {
      const url = `https://hooks.example.com/matrix-api-new-${c.marker}`;
      return {
        method: 'POST',
        path: '/api/v1/webhooks',
        json: { url, events: ['article.published'] },
        tookEffect: async () => (await c.db.webhookEndpoint.count({ where: { url } })) === 1,
      };
    },
  },
  {
    name: 'DELETE /api/v1/webhooks/[id]',
    allowed: keyAnyObject('manage:webhooks'),
    effect: 'the endpoint is gone',
    async prepare(c) {
      const endpoint = await seedWebhookEndpoint(c.db);
      return { method: 'DELETE', path: `/api/v1/webhooks/${endpoint.id}`, tookEffect: async () => (await c.db.webhookEndpoint.count({ where: { id: endpoint.id } })) === 0 };
    },
  },
];

// ------------------------------------------------------------------------------------------ run

type Outcome = { label: string; expected: boolean; observed: boolean; status: number; problem?: string };

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run through scripts/with-test-database.ts (see the header of this file).');
  const mediaDir = process.env.MEDIA_DIR ?? path.join(os.tmpdir(), `masthead-authz-media-${process.pid}`);
  const db = createPrismaClient(databaseUrl, 8);
  const only = process.env.AUTHZ_ONLY;

  // Classify first: an action or handler without a row fails before anything runs.
  const built = actionsOfBuild();
  const names = new Map<string, BuiltAction>();
  const problems: string[] = [];
  for (const action of built) {
    if (names.has(action.name))
      problems.push(
        `two actions are named ${action.name} (${names.get(action.name)!.file}, ${action.file}): give the table a way to tell them apart`,
      );
    names.set(action.name, action);
    if (!ACTION_ROWS.some((r) => r.name === action.name))
      problems.push(`unclassified action ${action.name} (${action.file}): add its row to ACTION_ROWS`);
  }
  for (const route of routesOfBuild())
    if (!ROUTE_ROWS.some((r) => r.route === route)) problems.push(`unclassified route handler ${route}: add its row to ROUTE_ROWS`);
  for (const row of ACTION_ROWS)
    if (!names.has(row.name)) problems.push(`ACTION_ROWS has ${row.name}, which the build does not contain (renamed or removed?)`);
  for (const row of ROUTE_ROWS)
    if (!routesOfBuild().includes(row.route)) problems.push(`ROUTE_ROWS has ${row.route}, which the build does not contain`);
  if (problems.length) {
    for (const p of problems) log(p);
    printFigure(`authorization matrix: ${problems.length} unclassified or stale rows, nothing run`);
    process.exit(1);
  }

  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-authz-'));
  const serverLog = path.join(temp, 'server.log');
  const server = startProductionServer({
    projectRoot,
    port,
    env: { AUTH_SECRET: authSecret, SITE_URL: base, MEDIA_DIR: mediaDir, API_RATE_LIMIT_ADMIN: '1000000', API_RATE_LIMIT_CONTENT: '1000000', NEWSLETTER_SIGNUPS_PER_HOUR: '1000000' },
    logFile: serverLog,
  });
  const outcomes: Outcome[] = [];
  let failure: unknown;
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const section = await seedSection(db, { name: `Matrix ${uniqueSuffix()}` });
    const author = await seedAuthor(db);
    const storage = createFileStorage(mediaDir);
    const image = await seedImage(db, storage);
    const fx: Fixtures = {
      sectionId: section.id,
      sectionSlug: section.slug,
      authorId: author.id,
      imageId: image.id,
      imageKey: image.storageKey,
      passwordHash,
      publishedArticleId: (await seedArticle(db, { sectionId: section.id, status: 'PUBLISHED', authorIds: [author.id], heroImageId: image.id })).id,
      storage,
    };
    // A second admin, so an admin may step down (the last admin may not).
    await db.user.create({ data: { email: `admin-${uniqueSuffix()}@authz.test`, name: 'Spare Admin', role: 'ADMIN', passwordHash } });

    await server.waitReady('the production server', '/robots.txt', 180_000);

    // One account per role; a case that changes the account (role, password, disabled) is undone after it.
    const accounts = new Map<Who, { id: string; email: string; role: Role; cookie: string }>();
    const account = async (who: Who) => {
      if (who === 'ANONYMOUS') return null;
      let found = accounts.get(who);
      if (!found) {
        const user = await db.user.create({
          data: { email: `${who.toLowerCase()}-${uniqueSuffix()}@authz.test`, name: `Matrix ${who}`, role: who, passwordHash },
        });
        found = { id: user.id, email: user.email, role: who, cookie: await signIn(base, user.email, PASSWORD) };
        accounts.set(who, found);
      }
      return found;
    };
    const undo = async (who: Who) => {
      const a = accounts.get(who);
      if (!a) return;
      const row = await db.user.findUniqueOrThrow({ where: { id: a.id } });
      if (row.role === a.role && !row.disabled && row.passwordHash === passwordHash) return;
      await db.user.update({ where: { id: a.id }, data: { role: a.role, disabled: false, passwordHash } });
      a.cookie = await signIn(base, a.email, PASSWORD); // its session ended with the change
    };
    const forgedCookie = `authjs.session-token=${randomBytes(48).toString('base64url')}`;

    const runCase = async (
      label: string,
      who: Who,
      ownership: Ownership,
      allowed: Record<Ownership, Who[]>,
      go: (c: Case, cookie: string) => Promise<{ answer: Answer; observed: boolean }>,
    ) => {
      const actor = await account(who);
      const ownerId = ownership === 'own' && actor ? actor.id : (await writer(db, fx)).id;
      const c: Case = { db, fx, who, ownership, actor, ownerId, marker: `${Date.now()}-${randomBytes(4).toString('hex')}` };
      const expected = allowed[ownership].includes(who);
      try {
        const { answer, observed } = await go(c, actor?.cookie ?? forgedCookie);
        const problem =
          answer.status >= 500
            ? `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`
            : observed !== expected
              ? `expected ${expected ? 'allow' : 'deny'}, got ${observed ? 'allow' : 'deny'} (HTTP ${answer.status})`
              : undefined;
        outcomes.push({ label, expected, observed, status: answer.status, problem });
      } catch (error) {
        outcomes.push({
          label,
          expected,
          observed: false,
          status: 0,
          problem: `error: ${error instanceof Error ? error.message : String(error)}`,
        });
      } finally {
        await undo(who);
      }
      const last = outcomes.at(-1)!;
      if (last.problem) log(`UNEXPECTED ${label}: ${last.problem}`);
    };

    // The four roles run side by side, each in its own lane with its own account: cases of one role run
    // one after another, since a case may change that role's account (undone after it).
    const inLanes = (fn: (who: Who, ownership: Ownership, variant: (typeof HEADER_VARIANTS)[number]) => Promise<void>) =>
      Promise.all(
        WHO.map(async (who) => {
          for (const ownership of ['own', 'other'] as const) for (const variant of HEADER_VARIANTS) await fn(who, ownership, variant);
        }),
      );
    for (const row of ACTION_ROWS.filter((r) => !only || r.name.includes(only))) {
      const action = names.get(row.name)!;
      await inLanes((who, ownership, variant) =>
        runCase(`${row.name} × ${who} × ${ownership} × ${variant.name}`, who, ownership, row.allowed, async (c, cookie) => {
          const call = await row.prepare(c);
          const answer = await callAction(base, action, call.args, { cookie, pathParams: call.pathParams, extraHeaders: variant.headers });
          return { answer, observed: await call.tookEffect(answer) };
        }),
      );
      log(`${row.name}: done (${outcomes.filter((o) => o.problem).length} unexpected so far)`);
    }
    for (const row of ROUTE_ROWS.filter((r) => !only || r.route.includes(only))) {
      await inLanes((who, ownership, variant) =>
        runCase(`${row.route} × ${who} × ${ownership} × ${variant.name}`, who, ownership, row.allowed, async (c, cookie) => {
          const request = await row.prepare(c);
          const headers: Record<string, string> = {
            cookie,
            origin: base,
            ...variant.headers,
            ...(request.body ? { 'content-type': request.contentType ?? 'application/json' } : {}),
          };
          const answer = await send(base, request.path, { method: request.method, headers, body: request.body });
          return { answer, observed: await request.tookEffect(answer) };
        }),
      );
      log(`${row.route}: done (${outcomes.filter((o) => o.problem).length} unexpected so far)`);
    }

    // The API, by key: each kind of key in its own lane, cases of one lane one after another.
    const keys: Record<KeyWho, { key: string | null; userId: string | null }> = {
      NO_KEY: { key: null, userId: null },
      WRONG_KEY: { key: null, userId: null },
      REVOKED_KEY: { key: null, userId: null },
      CONTENT_KEY: { key: null, userId: null },
      WRITER_KEY: { key: null, userId: null },
      EDITOR_KEY: { key: null, userId: null },
      ADMIN_KEY: { key: null, userId: null },
    };
    const revoked = await seedIntegration(db, { scope: 'ADMIN', role: 'ADMIN', revoked: true, name: 'Matrix revoked' });
    keys.REVOKED_KEY = { key: revoked.key, userId: revoked.userId };
    const content = await seedIntegration(db, { scope: 'CONTENT', name: 'Matrix content' });
    keys.CONTENT_KEY = { key: content.key, userId: null };
    // The right id with another secret: what a guess or a stale copy of a rotated key looks like.
    keys.WRONG_KEY = { key: `mh_content_${content.publicId}_${randomBytes(32).toString('base64url')}`, userId: null };
    for (const who of Object.keys(KEY_ROLES) as (keyof typeof KEY_ROLES)[]) {
      const made = await seedIntegration(db, { scope: 'ADMIN', role: KEY_ROLES[who], name: `Matrix ${who}` });
      keys[who] = { key: made.key, userId: made.userId };
    }
    for (const row of API_ROWS.filter((r) => !only || r.name.includes(only))) {
      await Promise.all(
        KEY_WHO.map(async (who) => {
          for (const ownership of ['own', 'other'] as const)
            for (const variant of HEADER_VARIANTS) {
              const label = `${row.name} × ${who} × ${ownership} × ${variant.name}`;
              const expected = row.allowed[ownership].includes(who);
              const ownerId = ownership === 'own' && keys[who].userId ? keys[who].userId! : (await writer(db, fx)).id;
              const c: ApiCase = { db, fx, who, ownership, ownerId, marker: `${Date.now()}-${randomBytes(4).toString('hex')}` };
              try {
                const call = await row.prepare(c);
                const key = keys[who].key;
                const headers: Record<string, string> = { ...variant.headers, ...(key ? { authorization: `Bearer ${key}` } : {}), ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}) };
                const answer = await send(base, call.path, { method: call.method, headers, body: call.form ?? (call.json !== undefined ? JSON.stringify(call.json) : undefined) });
                const observed = await call.tookEffect(answer);
                const shaped = answer.status < 400 || /^\{"error":\{"code":"[a-z_]+","message":/.test(answer.text);
                const problem =
                  answer.status >= 500
                    ? `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`
                    : !shaped
                      ? `an error not in the API's shape (HTTP ${answer.status}): ${answer.text.slice(0, 120)}`
                      : observed !== expected
                        ? `expected ${expected ? 'allow' : 'deny'}, got ${observed ? 'allow' : 'deny'} (HTTP ${answer.status})`
                        : undefined;
                outcomes.push({ label, expected, observed, status: answer.status, problem });
              } catch (error) {
                outcomes.push({ label, expected, observed: false, status: 0, problem: `error: ${error instanceof Error ? error.message : String(error)}` });
              }
              const last = outcomes.at(-1)!;
              if (last.problem) log(`UNEXPECTED ${label}: ${last.problem}`);
            }
        }),
      );
      log(`${row.name}: done (${outcomes.filter((o) => o.problem).length} unexpected so far)`);
    }
  } catch (error) {
    failure = error;
  } finally {
    await server.stop(30_000);
    await db.$disconnect();
  }
  const unexpected = outcomes.filter((o) => o.problem);
  const allowedCount = outcomes.filter((o) => o.expected).length;
  const denials = new Map<number, number>();
  for (const o of outcomes.filter((x) => !x.expected)) denials.set(o.status, (denials.get(o.status) ?? 0) + 1);
  log(
    `${outcomes.length} cases: ${allowedCount} expected allow, ${outcomes.length - allowedCount} expected deny ` +
      `(answered ${[...denials].map(([status, n]) => `HTTP ${status} × ${n}`).join(', ')}).`,
  );
  if (failure) {
    const tail = (await fs.readFile(serverLog, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
    console.error(`[authz] FAILED: ${failure instanceof Error ? failure.message : String(failure)}\n${tail}`);
  }
  printFigure(`authorization matrix: ${outcomes.length} cases (endpoint × role or API key × object × header), ${unexpected.length} unexpected`);
  const ok = !failure && unexpected.length === 0 && outcomes.length > 0;
  if (ok) await fs.rm(temp, { recursive: true, force: true });
  else log(`Kept ${temp} (server log) for inspection.`);
  process.exit(ok ? 0 : 1);
}

void main();
