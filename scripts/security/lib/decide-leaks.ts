/** What the malformed-request sweep looks for in every answer. */

/** What a response must never contain: stack frames, database messages, paths of this machine. */
export const LEAKS: { name: string; pattern: RegExp }[] = [
  { name: 'stack trace', pattern: /\bat [\w$.<>[\] ]{1,120} \((?:\/|node:|file:|webpack|<anonymous>)|^\s*at (?:\/|node:)\S+:\d+:\d+/m },
  { name: 'Prisma message', pattern: /PrismaClient|Invalid `prisma|prisma\.\w+\.\w+\(\)|\bP20\d\d\b|@prisma\// },
  { name: 'SQL message', pattern: /SQLSTATE|syntax error at or near|relation "[^"]{1,80}"|duplicate key value|violates (?:unique|foreign key|not-null) constraint/i },
  { name: 'file path', pattern: /\/work\/|\/home\/|\/root\/|node_modules\/|\.next\/|\/tmp\/masthead|\/usr\/lib\/node/ },
];

/** The leaks found in a response body (and its headers). */
export function findLeaks(text: string): string[] {
  return LEAKS.filter((l) => l.pattern.test(text)).map((l) => l.name);
}
