import 'server-only';
import { appErrorStatus, isAppError } from '@/lib/errors';
import { getEnv } from '@/lib/env';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A small page for a reader's request that could not be done (a bad address, an old link, too many
 * sign-ups): its status (4xx) and a plain message, with the site's name and a way back. The sign-up
 * form works without JavaScript, so its answer is a page, not JSON.
 */
export function readerProblemPage(status: number, title: string, message: string, headers: Record<string, string> = {}): Response {
  const site = escapeHtml(getEnv().SITE_NAME);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} | ${site}</title></head>
<body style="font-family:Georgia,serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#111"><p><a href="/" style="color:#111;font-weight:bold">${site}</a></p><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the front page</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** The problem page for an operation's failure (INVALID 400, NOT_FOUND 404 …); anything else is rethrown. */
export function readerErrorPage(error: unknown, title = 'That did not work'): Response {
  if (!isAppError(error)) throw error;
  const fields = Object.values(error.fieldErrors ?? {}).flat();
  return readerProblemPage(appErrorStatus(error.code), title, fields[0] ?? error.message);
}

/** The fields of a posted form, or null when the body is not a form. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** A 303 to a path of this site (after a POST, the browser GETs it). */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { location: path, 'cache-control': 'no-store' } });
}
