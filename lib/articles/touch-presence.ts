import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { articleForActorWhere } from '@/lib/articles/permissions';
import { articleRefSchema } from '@/lib/articles/schemas';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Marks the actor as having the article open now (the editor's heartbeat, every ~10 s). Presence is
 * not content: no audit row and no change record.
 */
export async function touchPresence(ctx: OperationArgs): Promise<Outcome<null>> {
  const { actor } = ctx;
  assertCan(actor, 'access:dashboard');
  const { articleId } = parseInput(articleRefSchema, ctx.input);
  const db = dbOf(ctx);
  const visible = await db.article.findFirst({ where: articleForActorWhere(actor, articleId), select: { id: true } });
  if (!visible) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  await db.articlePresence.upsert({
    where: { articleId_userId: { articleId, userId: actor.id } },
    update: { seenAt: new Date() },
    create: { articleId, userId: actor.id },
  });
  return { result: null, change: null };
}
