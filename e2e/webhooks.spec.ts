import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedArticle, seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { verifyStandardWebhook } from '../tests/support/verify-standard-webhook';
import { expect, test } from './fixtures/auth';

// Issue #13's webhook acceptance in the browser: an admin registers an endpoint in the dashboard, an
// editor publishes, the receiver (a real HTTP server) gets the event signed, fails it once, and the
// admin sees the failure in the delivery log and replays it with the same webhook-id.
test('an admin registers a webhook; a publish is delivered signed, shown in the log, and replayed from it', async ({
  page,
  db,
  signInAs,
}) => {
  test.setTimeout(120_000);
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let failNext = 1;
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failNext-- > 0) response.writeHead(503).end('busy');
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/masthead-${uniqueSuffix()}`;

  try {
    const suffix = uniqueSuffix();
    const section = await seedSection(db, { name: `Hooks ${suffix}` });
    const author = await seedAuthor(db, { name: `Hook Reporter ${suffix}` });
    const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
    const headline = `Lifeboat crew rescues kayakers ${suffix}`;
    const article = await seedArticle(db, {
      sectionId: section.id,
      headline,
      standfirst: 'All four are safe.',
      status: 'DRAFT',
      authorIds: [author.id],
      heroImageId: image.id,
    });

    await signInAs('ADMIN');
    await page.goto('/dashboard/webhooks');
    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
    await form.getByLabel('URL').fill(url);
    for (const event of ['article.updated', 'article.unpublished', 'article.trashed']) await form.getByLabel(event).uncheck();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('status')).toContainText('Endpoint added');
    const endpoint = page.getByRole('article', { name: `Endpoint ${url}` });
    await expect(endpoint).toBeVisible();
    await endpoint.getByText('Signing secret').click();
    const secret = await endpoint.getByLabel(`Signing secret of ${url}`).inputValue();
    expect(secret).toMatch(/^whsec_/);

    // The admin publishes the article in the editor, as any editor would.
    await page.goto(`/dashboard/articles/${article.id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByTestId('article-status')).toHaveText('Published', { timeout: 15_000 });

    // The first attempt reaches the receiver, which answers 503; the log says so.
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    const first = received[0]!;
    const payload = verifyStandardWebhook(secret, first.body, first.headers) as {
      type: string;
      data: { id: string; object: { headline: string } };
    };
    expect(payload).toMatchObject({ type: 'article.published', data: { id: article.id, object: { headline } } });
    const messageId = String(first.headers['webhook-id']);

    await page.goto('/dashboard/webhooks');
    const row = page.getByTestId(`delivery-${messageId}`);
    await expect(row).toContainText('Pending');
    await expect(row).toContainText('503');
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/webhooks-log.png`, fullPage: true });

    // Replay sends it again now, same webhook-id, freshly signed; the receiver takes it this time.
    await row.getByRole('button', { name: 'Replay' }).click();
    await expect(row.getByRole('status')).toContainText('Replay queued');
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    const second = received[1]!;
    expect(second.headers['webhook-id']).toBe(messageId);
    expect(second.body).toBe(first.body);
    verifyStandardWebhook(secret, second.body, second.headers);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId(`delivery-${messageId}`).textContent();
        },
        { timeout: 30_000 },
      )
      .toContain('Delivered');
    await page.getByTestId(`delivery-${messageId}`).getByText(`Attempts of ${messageId}`).click();
    await expect(page.getByTestId(`delivery-${messageId}`)).toContainText('(replay)');
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
