/** "27 November 2026, 14:05 UTC": a reader-facing date and time in the publication's time zone. */
export function formatDateTime(date: Date, timeZone = 'UTC', locale = 'en-GB'): string {
  const datePart = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
  const timePart = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone, timeZoneName: 'short' }).format(date);
  return `${datePart}, ${timePart}`;
}

/** "27 November 2026". */
export function formatDate(date: Date, timeZone = 'UTC', locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}
