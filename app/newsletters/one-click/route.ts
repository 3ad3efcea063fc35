import { siteContext, unsubscribeByToken } from '@/lib/newsletters/reader-writes';
import { readerErrorPage, readForm, seeOther } from '@/lib/newsletters/reader-http';
import { signReaderToken } from '@/lib/newsletters/tokens';
import { newsletterRoutes } from '@/lib/routes';

/**
 * POST /newsletters/one-click?token=…: RFC 8058 one-click unsubscribe. Mail clients POST
 * `List-Unsubscribe=One-Click` here from the List-Unsubscribe header, with no Origin and no cookie: the
 * signed token is the whole authority, and the answer is a plain 200. The unsubscribe page's button
 * posts here too (`from=page`) and is sent on to the reader's preferences.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('token');
  const form = await readForm(request);
  try {
    const site = siteContext();
    const subscriberId = await unsubscribeByToken({ token, site });
    if (form?.get('from') === 'page')
      return seeOther(
        newsletterRoutes.preferences(signReaderToken({ purpose: 'preferences', subscriberId, secret: site.secret }), { unsubscribed: '1' }),
      );
    return new Response('Unsubscribed.\n', {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (error) {
    return readerErrorPage(error, 'This link does not work');
  }
}

/** GET (someone opened the header's link in a browser): the unsubscribe page, whose button POSTs. A GET changes nothing. */
export function GET(request: Request) {
  return seeOther(newsletterRoutes.unsubscribe(new URL(request.url).searchParams.get('token') ?? ''));
}
