import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidInput, INVALID_FIELDS_MESSAGE } from './errors';

const schema = z.strictObject({ content: z.strictObject({ headline: z.string().min(1, 'Add a headline.'), authorIds: z.array(z.string().min(2, 'Bad author.')) }), version: z.number() });

describe('invalidInput', () => {
  it('names each field, without the wrapping key or array positions', () => {
    const result = schema.safeParse({ content: { headline: '', authorIds: ['ok', 'x'] }, version: 'one' });
    const error = invalidInput(result.error!, { under: 'content' });
    expect(error).toMatchObject({ code: 'INVALID', message: INVALID_FIELDS_MESSAGE });
    expect(error.fieldErrors).toEqual({ headline: ['Add a headline.'], authorIds: ['Bad author.'], version: [expect.any(String)] });
  });
  it('puts an issue with no field under "form"', () => {
    const result = z.string().safeParse(1);
    expect(Object.keys(invalidInput(result.error!).fieldErrors!)).toEqual(['form']);
  });
});
