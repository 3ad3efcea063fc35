/**
 * Renders newsletter emails for the XSS corpus (scripts/security/xss-corpus.ts) exactly as a send does:
 * `renderSend` reads the published articles and renders them with `renderNewsletterEmail`, and
 * `renderConfirmEmail` lists the newsletters a reader asked for. It runs as its own process because
 * react-dom/server refuses the react-server condition the corpus runs under; `server-only` is mapped
 * away as for `npm run worker`:
 *   tsx --tsconfig tsconfig.worker.json scripts/security/lib/render-corpus-emails.ts < jobs.json
 * Reads `{ siteUrl, sends, confirms }` as JSON on stdin (DATABASE_URL set), writes the emails as JSON
 * on stdout after a line `@@EMAILS@@` (anything a module logs while loading comes before it).
 */
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { renderConfirmEmail } from '@/lib/newsletters/confirm-email';
import { renderSend } from '@/lib/newsletters/sends';

/** Before the JSON on stdout (xss-corpus.ts looks for it; a type-only import there, so this file is not loaded). */
const EMAILS_MARKER = '\n@@EMAILS@@\n';

export type CorpusEmailJobs = {
  siteUrl: string;
  sends: { id: string; newsletter: { name: string; fullText: boolean }; articleIds: string[] }[];
  confirms: { id: string; newsletters: string[]; confirmUrl: string }[];
};

export type CorpusEmail = { id: string; missing?: true; subject?: string; html?: string; text?: string };

async function main() {
  let input = '';
  process.stdin.setEncoding('utf8'); // one decoder for the stream: a character may be split between chunks
  for await (const chunk of process.stdin) input += chunk as string;
  const { siteUrl, sends, confirms } = JSON.parse(input) as CorpusEmailJobs;
  const siteName = getEnv().SITE_NAME;
  const out: CorpusEmail[] = [];
  for (const s of sends) {
    const email = await renderSend(getDb(), { newsletter: s.newsletter, articleIds: s.articleIds }, { siteUrl, siteName });
    out.push(email ? { id: s.id, ...email } : { id: s.id, missing: true });
  }
  for (const c of confirms)
    out.push({ id: c.id, ...renderConfirmEmail({ siteName, newsletters: c.newsletters, confirmUrl: c.confirmUrl }) });
  await getDb().$disconnect();
  process.stdout.write(EMAILS_MARKER + JSON.stringify(out), () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(`[render-corpus-emails] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
