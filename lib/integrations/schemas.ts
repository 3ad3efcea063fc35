import { z } from 'zod';
import { roleSchema } from '@/lib/users/schemas';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';

const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/**
 * A new integration: a content key reads published content only; an admin key writes with the role
 * chosen here (required for admin, refused for content).
 */
export const createIntegrationSchema = z
  .strictObject({
    name: text().trim().min(1, 'Name the integration, e.g. "Apple News".').max(80, 'At most 80 characters.'),
    description: text().trim().max(500, 'At most 500 characters.').default(''),
    scope: z.enum(['content', 'admin'], { error: 'Choose what the key may do.' }),
    role: roleSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'admin' && !v.role)
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'Choose the role an admin key acts with.' });
    if (v.scope === 'content' && v.role)
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'A content key reads only: it has no role.' });
  });
export type CreateIntegrationInput = z.input<typeof createIntegrationSchema>;

/** One integration, by id (rotate, revoke). */
export const integrationRefSchema = z.strictObject({ integrationId: z.string().min(1).max(40) });
