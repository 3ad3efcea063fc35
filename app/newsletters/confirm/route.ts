import { confirmSubscription, siteContext } from '@/lib/newsletters/reader-writes';
import { readerErrorPage, seeOther } from '@/lib/newsletters/reader-http';
import { signReaderToken } from '@/lib/newsletters/tokens';
import { newsletterRoutes } from '@/lib/routes';

/**
 * GET /newsletters/confirm?token=…: the link in the confirmation email (double opt-in). Confirms the
 * subscriptions it names (again: nothing more) and opens the reader's preferences page; a bad or
 * expired link is a 404 page.
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token');
  try {
    const site = siteContext();
    const subscriberId = await confirmSubscription({ token, site });
    return seeOther(
      newsletterRoutes.preferences(signReaderToken({ purpose: 'preferences', subscriberId, secret: site.secret }), { confirmed: '1' }),
    );
  } catch (error) {
    return readerErrorPage(error, 'This link does not work');
  }
}
