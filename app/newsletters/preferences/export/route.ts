import { exportSubscriberData, siteContext } from '@/lib/newsletters/reader-writes';
import { readerErrorPage } from '@/lib/newsletters/reader-http';

/** GET /newsletters/preferences/export?token=…: everything held about the subscriber, as a JSON download. */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token');
  try {
    const data = await exportSubscriberData({ token, site: siteContext() });
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="newsletter-data.json"',
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return readerErrorPage(error, 'This link does not work');
  }
}
