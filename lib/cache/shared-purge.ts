/**
 * The purge hook for shared caches in front of Masthead (Varnish with xkey, Fastly, a CDN that purges
 * by tag): after this instance purged its own response cache, it sends one request with the purged
 * tags to CACHE_PURGE_URL:
 *
 *   PURGE <CACHE_PURGE_URL>            (CACHE_PURGE_METHOD, default PURGE)
 *   Surrogate-Key: content article:…   (space-separated: Varnish xkey, Fastly)
 *   Cache-Tag: content,article:…       (comma-separated: Cloudflare-style)
 *   Authorization: Bearer <CACHE_PURGE_TOKEN>   (when set)
 *
 * Every instance sends it after its own purge, so the last one arrives when no instance still holds
 * the old page and a shared cache cannot refetch a stale copy. Retries with backoff; a purge that
 * still fails writes one log line (the shared cache then serves the old page until its s-maxage).
 */
export type PurgeSettings = { url: string; method: string; token?: string };

/** The purge hook's settings from the environment, or null when none is configured. */
export function purgeSettingsFrom(env: Record<string, string | undefined>): PurgeSettings | null {
  const url = env.CACHE_PURGE_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new Error(`CACHE_PURGE_URL must be an http(s) URL, got ${JSON.stringify(url)}.`);
  return { url, method: env.CACHE_PURGE_METHOD?.trim() || 'PURGE', token: env.CACHE_PURGE_TOKEN?.trim() || undefined };
}

/** The request the hook sends for these tags. */
export function purgeRequest(settings: PurgeSettings, tags: readonly string[]): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { 'surrogate-key': tags.join(' '), 'cache-tag': tags.join(',') };
  if (settings.token) headers.authorization = `Bearer ${settings.token}`;
  return { url: settings.url, init: { method: settings.method, headers } };
}

type SendOptions = { attempts?: number; delayMs?: number; log?: (line: string) => void; timeoutMs?: number };

/** Sends the purge, retrying failures (network errors, 5xx, 429) with exponential backoff. True once a purge was accepted. */
export async function sendPurge(settings: PurgeSettings, tags: readonly string[], { attempts = 4, delayMs = 200, log = console.error, timeoutMs = 5_000 }: SendOptions = {}): Promise<boolean> {
  const { url, init } = purgeRequest(settings, tags);
  let reason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return true;
      reason = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break; // refused: retrying will not help
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
  }
  log(`[cache-purge] ${settings.method} ${url} failed (${reason}) for tags: ${tags.join(' ')}`);
  return false;
}

let settings: PurgeSettings | null | undefined;

/**
 * Purges the tags from the configured shared cache, in the background; a no-op without CACHE_PURGE_URL.
 * Never throws: it runs after a change has committed. A bad setting (which `npm start` refuses before
 * serving) is logged once here and turns the hook off.
 */
export function purgeSharedCaches(tags: readonly string[], log: (line: string) => void = console.error): void {
  if (settings === undefined) {
    try {
      settings = purgeSettingsFrom(process.env);
    } catch (error) {
      settings = null;
      log(`[cache-purge] ${error instanceof Error ? error.message : String(error)} No shared cache will be purged.`);
    }
  }
  if (settings && tags.length) void sendPurge(settings, tags);
}
