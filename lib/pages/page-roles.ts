/**
 * What a standing page can be to the publication. Pure, with no imports, so the dashboard's client
 * components use it too. The values are the database enum's (prisma/schema.prisma `PageRole`).
 */
export const PAGE_ROLES = ['ABOUT', 'CONTACT', 'ETHICS', 'MASTHEAD'] as const;

export type PageRoleName = (typeof PAGE_ROLES)[number];

/** How the dashboard names each role. */
export const PAGE_ROLE_LABELS: Record<PageRoleName, string> = {
  ABOUT: 'About the publication',
  CONTACT: 'Contact',
  ETHICS: 'Ethics and corrections policy',
  MASTHEAD: 'Masthead (staff list from the authors)',
};
