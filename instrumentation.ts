/** Runs once per server start: the article scheduler lives in the Node.js runtime only. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startArticleScheduler } = await import('@/lib/articles/scheduler');
    startArticleScheduler();
  }
}
