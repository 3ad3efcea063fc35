/** A campaign's dates as the audit row stores them (ISO text or null). */
export const campaignAuditDates = (v: { startsAt: Date | null; endsAt: Date | null }) => ({ startsAt: v.startsAt?.toISOString() ?? null, endsAt: v.endsAt?.toISOString() ?? null });
