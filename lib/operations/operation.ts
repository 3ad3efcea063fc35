import 'server-only';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/mutations';
import type { Actor } from '@/lib/auth/actor';
import { getDb, type Db } from '@/lib/db';
import { contentTagsOf } from '@/lib/cache/tags';
import { invalidInput } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ContentScope } from '@/lib/operations/content-scope';
import { instanceId } from '@/lib/operations/instance';

/**
 * Who is asking and where an operation runs. The actor comes from the caller's session, API key or the
 * system, never from the input; `db` defaults to the app's one client (tests and scripts pass their own).
 */
export type OperationContext = { actor: Actor; db?: Db; ip?: string | null };

/** What every operation takes: the context and its input as received (`unknown`: the operation parses it). */
export type OperationArgs = OperationContext & { input: unknown };

/**
 * A committed change as the rest of the system hears of it (the ChangeEvent row written in the same
 * transaction): its kind (the audit action), its target, and what readers may see differently (null
 * when nothing reader-visible changed, e.g. saving a draft).
 */
export type Change = { kind: string; targetType: string; targetId: string | null; content: ContentScope | null };

/** What every operation returns: its result for the caller, and its change (null when it changed nothing). */
export type Outcome<T> = { result: T; change: Change | null };

/** An operation: `verbNoun({ actor, input, db?, ip? })`. */
export type Operation<T> = (args: OperationArgs) => Promise<Outcome<T>>;

/** The client an operation runs on. */
export const dbOf = (ctx: { db?: Db }): Db => ctx.db ?? getDb();

/** Parses an operation's input once with its schema; INVALID with per-field messages otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: { under?: string } = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, options);
  return parsed.data;
}

type RecordWriter = Pick<Prisma.TransactionClient, 'auditEvent' | 'changeEvent'>;

/**
 * Writes an operation's audit row and its change record with the caller's transaction client, so both
 * exist exactly when the change committed. The change's kind is the audit action. Returns the change.
 */
export async function recordChange(
  tx: RecordWriter,
  record: {
    actor: Pick<Actor, 'id' | 'email'> | null;
    ip?: string | null;
    action: string;
    targetType: string;
    targetId: string | null;
    detail?: Prisma.InputJsonValue;
    content: ContentScope | null;
  },
): Promise<Change> {
  const { actor, ip, action, targetType, targetId, detail, content } = record;
  const auditId = await recordAudit(tx, { actor, ip, action, targetType, targetId, detail });
  const change: Change = { kind: action, targetType, targetId, content };
  await tx.changeEvent.create({
    data: {
      kind: action,
      actorId: actor?.id ?? null,
      targetType,
      targetId,
      tags: content ? contentTagsOf(content) : [],
      // The audit row's id: consumers (webhook payloads) read what the change recorded from it.
      payload: { ...change, origin: instanceId(), auditId } as unknown as Prisma.InputJsonValue,
    },
  });
  return change;
}
