import { describe, expect, it } from 'vitest';
import { derivedJobId } from '@/lib/queue/job-id';

describe('derivedJobId', () => {
  it('is a UUID that the same parts always give, and other parts never', () => {
    const id = derivedJobId('webhook.attempt', 'cdelivery1', 1);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedJobId('webhook.attempt', 'cdelivery1', 1)).toBe(id);
    expect(derivedJobId('webhook.attempt', 'cdelivery1', 2)).not.toBe(id);
    // Parts are separated, so ('a1', '') and ('a', '1') differ.
    expect(derivedJobId('a1', '')).not.toBe(derivedJobId('a', '1'));
  });
});
