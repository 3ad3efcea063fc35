import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db';
import { parseKey, secretMatches, type KeyScope } from '@/lib/integrations/decide-key';

/** The integration behind a key, as the API sees it: an admin key's actor is its own user. */
export type ApiCaller = { integrationId: string; name: string; scope: KeyScope; publicId: string; actor: Actor | null };

/** Why a key was refused: each is a 401 with its own message (none says whether an id exists). */
export type KeyRefusal = 'malformed' | 'unknown' | 'revoked';

/** How often `lastUsedAt` is written per key: "last used" to the minute, not a write per call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Checks a key's text against the stored hash (constant time) and returns its caller, or why it was
 * refused. A rotated key's old text no longer finds its row; a revoked integration, or one whose user
 * was disabled, is refused. Records `lastUsedAt` at most once a minute per key.
 */
export async function authenticateKey(
  db: Db,
  text: string,
  now: Date = new Date(),
): Promise<{ ok: true; caller: ApiCaller } | { ok: false; reason: KeyRefusal }> {
  const parsed = parseKey(text);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const row = await db.integration.findUnique({
    where: { publicId: parsed.publicId },
    select: {
      id: true,
      name: true,
      scope: true,
      publicId: true,
      secretHash: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, email: true, role: true, disabled: true } },
    },
  });
  const scope: KeyScope | null = row ? (row.scope === 'ADMIN' ? 'admin' : 'content') : null;
  if (!row || scope !== parsed.scope || !secretMatches(parsed.secret, row.secretHash)) return { ok: false, reason: 'unknown' };
  if (row.revokedAt || (scope === 'admin' && (!row.user || row.user.disabled))) return { ok: false, reason: 'revoked' };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.integration.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  const actor = scope === 'admin' && row.user ? { id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role } : null;
  return { ok: true, caller: { integrationId: row.id, name: row.name, scope, publicId: row.publicId, actor } };
}
