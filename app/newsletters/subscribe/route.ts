import { clientIpFromHeaders } from '@/lib/auth/client-ip';
import { allowSignup, subscribeReader } from '@/lib/newsletters/reader-writes';
import { readerErrorPage, readerProblemPage, readForm, seeOther } from '@/lib/newsletters/reader-http';
import { newsletterRoutes } from '@/lib/routes';
import { rejectForeignOrigin } from '@/lib/security/origin';

/**
 * POST /newsletters/subscribe: the sign-up form on the front page, section fronts and articles (plain
 * HTML, no JavaScript). Throttled per client address; the answer is "check your inbox" whether or not
 * the address was known (lib/newsletters/reader-writes.ts). A bad address or no newsletter is a 400 page.
 */
export async function POST(request: Request) {
  const foreign = rejectForeignOrigin(request);
  if (foreign) return foreign;
  const form = await readForm(request);
  if (!form) return readerProblemPage(400, 'We could not sign you up', 'Send the sign-up form from the site.');
  if (!(await allowSignup(clientIpFromHeaders(request.headers))))
    return readerProblemPage(429, 'Too many sign-ups', 'Too many sign-ups came from your network in the last hour. Try again later.', {
      'retry-after': '3600',
    });
  try {
    await subscribeReader({ input: { email: form.get('email') ?? '', newsletterIds: form.getAll('newsletterIds') } });
  } catch (error) {
    return readerErrorPage(error, 'We could not sign you up');
  }
  return seeOther(newsletterRoutes.checkEmail());
}
