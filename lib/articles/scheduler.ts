import { publishDueArticles } from '@/lib/articles/publish-due-articles';
import { runAsJob } from '@/lib/operations/job';

const INTERVAL_MS = 2_000;
const globalForScheduler = globalThis as unknown as { mastheadScheduler?: NodeJS.Timeout };

/**
 * Publishes scheduled articles when their time comes, in this process, every 2 seconds: no external
 * cron. Safe with several instances (the publish is one atomic UPDATE … RETURNING). Runs the operation
 * as a job, which purges the reader pages it changed after the commit.
 */
export function startArticleScheduler({ log = console.log }: { log?: (line: string) => void } = {}) {
  if (globalForScheduler.mastheadScheduler || !process.env.DATABASE_URL) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { result: published } = await runAsJob(() => publishDueArticles());
      if (published.length) log(`[scheduler] Published ${published.map((p) => `“${p.headline}”`).join(', ')}`);
    } catch (error) {
      log(`[scheduler] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  globalForScheduler.mastheadScheduler = setInterval(() => void tick(), INTERVAL_MS);
  globalForScheduler.mastheadScheduler.unref();
}
