import 'server-only';
import { recordAudit } from '@/lib/audit/mutations';
import { staleVersionError } from '@/lib/audit/queries';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { createCampaignSchema, updateCampaignSchema } from '@/lib/campaigns/schemas';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { invalidInput } from '@/lib/forms/form-input';
import { Prisma } from '@/lib/generated/prisma/client';
import { applyMoveRedirects, clearRedirectFrom } from '@/lib/redirects/mutations';

type Tx = Prisma.TransactionClient;
type Ctx = { db: Db; actor: Actor; ip?: string | null };

/** The reader path of a campaign page. */
export const campaignPath = (slug: string) => `/campaigns/${slug}`;

function assertManager(actor: Actor): void {
  if (!can(actor, 'manage:campaigns')) throw new AppError('FORBIDDEN');
}

const slugTaken = (name: string) => new AppError('INVALID', 'Please correct the highlighted fields.', { slug: [`The campaign “${name}” already uses this slug. Choose another.`] });

async function assertSlugFree(tx: Tx, slug: string, exceptId?: string): Promise<void> {
  const clash = await tx.campaign.findFirst({ where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  if (clash) throw slugTaken(clash.name);
}

function mapSlugRace(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw slugTaken('another campaign');
  throw error;
}

const dates = (v: { startsAt: Date | null; endsAt: Date | null }) => ({ startsAt: v.startsAt?.toISOString() ?? null, endsAt: v.endsAt?.toISOString() ?? null });

/** Creates a campaign (editors and admins); audited `campaign.created`. */
export async function createCampaign({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = createCampaignSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = parsed.data;
  const campaign = await db
    .$transaction(async (tx) => {
      await assertSlugFree(tx, data.slug);
      const created = await tx.campaign.create({ data, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, campaignPath(data.slug));
      await recordAudit(tx, { actor, action: 'campaign.created', targetType: 'Campaign', targetId: created.id, detail: { ...data, ...dates(data) }, ip });
      return created;
    })
    .catch(mapSlugRace);
  return { campaign, change: { campaignSlugs: [campaign.slug] } };
}

/**
 * Saves a campaign conditional on `version` (CONFLICT naming who changed it otherwise). A new slug
 * answers 301 from the old campaign page, with earlier redirects to it pointed at the new one; audited
 * `campaign.updated` in the same transaction.
 */
export async function updateCampaign({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = updateCampaignSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, version, ...data } = parsed.data;
  return db
    .$transaction(async (tx) => {
      const before = await tx.campaign.findUnique({ where: { id } });
      if (!before) throw new AppError('NOT_FOUND', 'This campaign no longer exists.');
      if (data.slug !== before.slug) await assertSlugFree(tx, data.slug, id);
      const updated = await tx.campaign.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw await staleVersionError(tx, { targetType: 'Campaign', targetId: id, label: `the campaign “${before.name}”` });
      const redirects = await applyMoveRedirects(tx, { fromPrefix: campaignPath(before.slug), toPrefix: campaignPath(data.slug), childSlugs: [] });
      await recordAudit(tx, {
        actor,
        action: 'campaign.updated',
        targetType: 'Campaign',
        targetId: id,
        detail: { before: { name: before.name, slug: before.slug, disclosureLabel: before.disclosureLabel }, after: { ...data, ...dates(data) }, redirects },
        ip,
      });
      return { campaign: { id, slug: data.slug, version: version + 1 }, change: { campaignSlugs: [...new Set([before.slug, data.slug])] } };
    })
    .catch(mapSlugRace);
}
