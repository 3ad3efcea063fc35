import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';

const ALL: readonly Role[] = ['WRITER', 'EDITOR', 'ADMIN'];
const EDITORS: readonly Role[] = ['EDITOR', 'ADMIN'];
const ADMINS: readonly Role[] = ['ADMIN'];

/**
 * The one capability table: which roles may do what at all. Every operation checks its capability
 * (`assertCan`), the dashboard decides what to show from it (`roleCan`), and the authorization matrix
 * (scripts/security/authorization-matrix.ts) derives its expectations from it. Rules about one object
 * (a writer's own draft) build on these in the domain: `decideTransition`, `decideCanEdit`,
 * `articleWhereFor`, lib/media/permissions.ts.
 */
export const CAPABILITY_TABLE = {
  'access:dashboard': ALL,
  'create:article': ALL,
  /** Edit one's own article while it is a draft, and submit or withdraw it. */
  'edit:own-article': ALL,
  'submit:article': ALL,
  /** Edit any article, whoever wrote it and whatever its status; see and share any article. */
  'edit:any-article': EDITORS,
  /** Send an article in review back to its writer. */
  'review:article': EDITORS,
  'publish:article': EDITORS,
  'schedule:article': EDITORS,
  'unpublish:article': EDITORS,
  'archive:article': EDITORS,
  'trash:article': EDITORS,
  /** Append a correction, clarification or update to a published article. */
  'correct:article': EDITORS,
  /** Hand out a signed preview link of an article one may see. */
  'share:article': ALL,
  'upload:media': ALL,
  /** Edit and delete any library image (everyone may edit and delete their own uploads). */
  'manage:media': EDITORS,
  'manage:sections': EDITORS,
  'manage:campaigns': EDITORS,
  'manage:authors': EDITORS,
  /** Create, edit and delete the standing pages (About, Contact, Ethics, Masthead, …). */
  'manage:pages': EDITORS,
  /** Import a WordPress or Ghost export (npm run import): creates and updates content of every kind. */
  'import:content': ADMINS,
  'manage:users': ADMINS,
  /** Create, rotate and revoke API integrations and their keys. */
  'manage:integrations': ADMINS,
  /** Register webhook endpoints, read their delivery logs and replay deliveries. */
  'manage:webhooks': ADMINS,
  /** Create, edit and delete newsletters, read their send logs, send a test and send an article by hand. */
  'manage:newsletters': EDITORS,
  /** Read the mail the built-in SMTP catcher took (no SMTP_URL): it holds readers' confirmation links. */
  'read:caught-email': ADMINS,
  'read:audit-log': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_TABLE;

/** Every capability, in the table's order. */
export const CAPABILITIES = Object.keys(CAPABILITY_TABLE) as Capability[];

/** True when a role has the capability. */
export function roleCan(role: Role, capability: Capability): boolean {
  return (CAPABILITY_TABLE[capability] as readonly Role[]).includes(role);
}

/** True when the actor (null = anonymous: never) has the capability. */
export function can(actor: Pick<Actor, 'role'> | null | undefined, capability: Capability): boolean {
  return actor ? roleCan(actor.role, capability) : false;
}

/** Throws FORBIDDEN unless the actor has the capability: the first line of every operation. */
export function assertCan(actor: Pick<Actor, 'role'> | null | undefined, capability: Capability): void {
  if (!can(actor, capability)) throw new AppError('FORBIDDEN');
}

/** The roles that hold a capability, for `requireActor({ roles })` and the authorization matrix. */
export function rolesWith(capability: Capability): Role[] {
  return [...CAPABILITY_TABLE[capability]];
}
