/** Runs once per server start, in the Node.js runtime only: the article scheduler, the change feed and the job queue's workers (lib/queue). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startArticleScheduler } = await import('@/lib/articles/scheduler');
    startArticleScheduler();
    const { startChangeFeed } = await import('@/lib/operations/change-feed');
    startChangeFeed();
    if (process.env.QUEUE_WORKERS !== 'off') {
      const { startQueueWorkers } = await import('@/lib/queue/workers');
      // The database may still be starting (embedded PostgreSQL): retried until it answers.
      const start = () => startQueueWorkers().catch(() => setTimeout(start, 2_000).unref());
      void start();
    }
  }
}
