import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

export const roleSchema = z.enum(['ADMIN', 'EDITOR', 'WRITER'], { error: 'Choose a role.' });
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const createUserSchema = z.strictObject({
  email: z.email({ error: 'Enter a valid email address.' }).trim().toLowerCase().max(320),
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const userIdSchema = z.string().min(1).max(64);

export const changeUserRoleSchema = z.strictObject({ userId: z.unknown(), role: roleSchema });
export const setUserDisabledSchema = z.strictObject({ userId: z.unknown(), disabled: z.boolean() });
export const resetUserPasswordSchema = z.strictObject({ userId: z.unknown(), password: passwordSchema });
