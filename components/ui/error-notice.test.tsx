import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorNotice, errorReference } from '@/components/ui/error-notice';

const serverError = Object.assign(new Error('Invalid `prisma.article.findMany()` invocation: connect ECONNREFUSED 127.0.0.1:5432'), { digest: '2817364519' });

describe('ErrorNotice', () => {
  it('shows a plain message and the digest as reference, never the error text', () => {
    const html = renderToStaticMarkup(<ErrorNotice error={serverError} />);
    expect(html).toContain('Something went wrong');
    expect(html).toContain('2817364519');
    expect(html).not.toMatch(/prisma|ECONNREFUSED|5432/);
  });

  it('says the error happened in the browser when there is no digest', () => {
    const html = renderToStaticMarkup(<ErrorNotice error={new Error('TypeError in a client component')} />);
    expect(html).not.toContain('TypeError');
    expect(html).toContain('in your browser');
  });

  it('accepts only digest-shaped references', () => {
    expect(errorReference(serverError)).toBe('2817364519');
    expect(errorReference({ digest: '<script>' })).toBeNull();
    expect(errorReference('thrown string')).toBeNull();
  });
});
