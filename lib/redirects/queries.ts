import 'server-only';
import { getDb } from '@/lib/db';
import { cachedQuery } from '@/lib/cache/cached';

/**
 * Where an old path now lives (Redirect table), or null. Only asked on the not-found path of a reader
 * page, and cached under CONTENT, so a found page never queries it.
 */
export function getRedirectTarget(path: string): Promise<string | null> {
  return cachedQuery('redirect', [path], [], async () => {
    const row = await getDb().redirect.findUnique({ where: { fromPath: path }, select: { toPath: true } });
    return row?.toPath ?? null;
  });
}
