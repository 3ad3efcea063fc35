import { savePreferences, siteContext } from '@/lib/newsletters/reader-writes';
import { readerErrorPage, readerProblemPage, readForm, seeOther } from '@/lib/newsletters/reader-http';
import { newsletterRoutes } from '@/lib/routes';
import { rejectForeignOrigin } from '@/lib/security/origin';

/** POST /newsletters/preferences/save: the preferences page's form (its token and the newsletters kept). */
export async function POST(request: Request) {
  const foreign = rejectForeignOrigin(request);
  if (foreign) return foreign;
  const form = await readForm(request);
  if (!form) return readerProblemPage(400, 'Your choices were not saved', 'Send the form from your preferences page.');
  const token = form.get('token');
  try {
    await savePreferences({ token, input: { newsletterIds: form.getAll('newsletterIds') }, site: siteContext() });
  } catch (error) {
    return readerErrorPage(error, 'Your choices were not saved');
  }
  return seeOther(newsletterRoutes.preferences(String(token), { saved: '1' }));
}
