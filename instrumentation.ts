/** Runs once per server start, in the Node.js runtime only: the article scheduler and the change feed. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startArticleScheduler } = await import('@/lib/articles/scheduler');
    startArticleScheduler();
    const { startChangeFeed } = await import('@/lib/operations/change-feed');
    startChangeFeed();
  }
}
