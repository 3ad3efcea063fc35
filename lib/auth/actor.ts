import type { Role } from '@/lib/generated/prisma/enums';

/** A user's role, for components (which never import Prisma). */
export type { Role };

/**
 * Who is asking: the signed-in user as every mutation and permission check sees it. It always comes
 * from the session (lib/auth/session.ts), never from a form or a request body.
 */
export type Actor = { id: string; name: string; email: string; role: Role };

/**
 * The server's own command line (`npm run user:create`): whoever can run it owns the deployment, so it
 * may create the first admin. Only operations that say so accept it; audit rows record it as `via: cli`.
 */
export type OperatorActor = { kind: 'operator' };

/** The one operator actor. */
export const OPERATOR: OperatorActor = { kind: 'operator' };

/** True for the command-line operator. */
export function isOperator(actor: Actor | OperatorActor): actor is OperatorActor {
  return 'kind' in actor && actor.kind === 'operator';
}
