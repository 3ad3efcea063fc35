import { deleteSubscriberData, siteContext } from '@/lib/newsletters/reader-writes';
import { readerErrorPage, readerProblemPage, readForm, seeOther } from '@/lib/newsletters/reader-http';
import { newsletterRoutes } from '@/lib/routes';
import { rejectForeignOrigin } from '@/lib/security/origin';

/** POST /newsletters/preferences/delete: deletes the subscriber's address and subscriptions for good. */
export async function POST(request: Request) {
  const foreign = rejectForeignOrigin(request);
  if (foreign) return foreign;
  const form = await readForm(request);
  if (!form) return readerProblemPage(400, 'Nothing was deleted', 'Send the form from your preferences page.');
  try {
    await deleteSubscriberData({ token: form.get('token'), site: siteContext() });
  } catch (error) {
    return readerErrorPage(error, 'Nothing was deleted');
  }
  return seeOther(newsletterRoutes.deleted());
}
