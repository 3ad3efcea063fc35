import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';

/**
 * Role-level capabilities: what a role may do at all. Rules about one object (a writer editing their
 * own draft until it is submitted) live in the domain's permissions.ts (lib/articles/permissions.ts)
 * and build on these.
 */
export const CAPABILITIES = [
  'access:dashboard',
  'create:article',
  /** Edit own article while it is a draft, and submit it for review. */
  'edit:own-article',
  'submit:article',
  /** Edit any article, whoever wrote it and whatever its status. */
  'edit:any-article',
  'publish:article',
  'schedule:article',
  'unpublish:article',
  'archive:article',
  'trash:article',
  'upload:media',
  'manage:media',
  'manage:sections',
  'manage:campaigns',
  'manage:authors',
  'manage:users',
  'read:audit-log',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

const WRITER: readonly Capability[] = ['access:dashboard', 'create:article', 'edit:own-article', 'submit:article', 'upload:media'];
const EDITOR: readonly Capability[] = [
  ...WRITER,
  'edit:any-article',
  'publish:article',
  'schedule:article',
  'unpublish:article',
  'archive:article',
  'trash:article',
  'manage:media',
  'manage:sections',
  'manage:campaigns',
  'manage:authors',
];
const ADMIN: readonly Capability[] = [...EDITOR, 'manage:users', 'read:audit-log'];

const BY_ROLE: Record<Role, ReadonlySet<Capability>> = {
  WRITER: new Set(WRITER),
  EDITOR: new Set(EDITOR),
  ADMIN: new Set(ADMIN),
};

/** True when a role has the capability. */
export function roleCan(role: Role, capability: Capability): boolean {
  return BY_ROLE[role].has(capability);
}

/** True when the actor (null = anonymous: never) has the capability. */
export function can(actor: Pick<Actor, 'role'> | null | undefined, capability: Capability): boolean {
  return actor ? roleCan(actor.role, capability) : false;
}

/** The roles that hold a capability, for `requireActor({ roles })`. */
export function rolesWith(capability: Capability): Role[] {
  return (Object.keys(BY_ROLE) as Role[]).filter((role) => roleCan(role, capability));
}
