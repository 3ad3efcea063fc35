import type { Role } from '@/lib/generated/prisma/enums';

/**
 * Who is asking: the signed-in user as every mutation and permission check sees it. It always comes
 * from the session (lib/auth/session.ts), never from a form or a request body.
 */
export type Actor = { id: string; name: string; email: string; role: Role };
