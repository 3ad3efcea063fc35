import { publishDueArticles } from '@/lib/articles/mutations';
import { SIGNATURE_HEADER, signRevalidateRequest } from '@/lib/cache/internal-revalidate';

const INTERVAL_MS = 2_000;
const globalForScheduler = globalThis as unknown as { mastheadScheduler?: NodeJS.Timeout };

/**
 * Publishes scheduled articles when their time comes, in this process, every 2 seconds: no external
 * cron. Safe with several instances (the publish is one atomic UPDATE … RETURNING). After publishing
 * it asks its own server to revalidate reader pages (revalidateTag needs a request context).
 */
export function startArticleScheduler({ log = console.log }: { log?: (line: string) => void } = {}) {
  if (globalForScheduler.mastheadScheduler || !process.env.DATABASE_URL) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { published, change } = await publishDueArticles();
      if (published.length && change) {
        log(`[scheduler] Published ${published.map((p) => `“${p.headline}”`).join(', ')}`);
        await requestRevalidation(change);
      }
    } catch (error) {
      log(`[scheduler] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  globalForScheduler.mastheadScheduler = setInterval(() => void tick(), INTERVAL_MS);
  globalForScheduler.mastheadScheduler.unref();
}

/**
 * Asks this deployment's own server (127.0.0.1:PORT) to revalidate reader pages after a change made
 * outside a request (the scheduler, the publish benchmark), signed with AUTH_SECRET. Does nothing when
 * either is unset; throws when the server refuses.
 */
export async function requestRevalidation(change: { articleIds: string[]; sectionSlugs: string[]; authorSlugs: string[]; campaignSlugs: string[]; tagSlugs: string[] }) {
  const secret = process.env.AUTH_SECRET;
  const port = process.env.PORT;
  if (!secret || !port) return;
  const { body, signature } = signRevalidateRequest(
    { articleIds: change.articleIds, sectionSlugs: change.sectionSlugs, authorSlugs: change.authorSlugs, campaignSlugs: change.campaignSlugs, tagSlugs: change.tagSlugs },
    secret,
  );
  const response = await fetch(`http://127.0.0.1:${port}/api/internal/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    body,
  });
  if (!response.ok) throw new Error(`Revalidation after a publish outside a request failed with HTTP ${response.status}.`);
}
