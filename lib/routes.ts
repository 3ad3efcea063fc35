/** The reader path of an article. */
export const articlePath = ({ sectionSlug, slug }: { sectionSlug: string; slug: string }) => `/${sectionSlug}/${slug}`;

/** The path of a signed share link's preview. */
export const previewPath = (token: string) => `/preview/${token}`;

/** Dashboard paths. */
export const dashboardRoutes = {
  article: (id: string) => `/dashboard/articles/${id}`,
};

/** The reader path of a section front. */
export const sectionPath = (slug: string) => `/${slug}`;

/** The reader path of a campaign page. */
export const campaignPath = (slug: string) => `/campaigns/${slug}`;

/** The reader path of an author page. */
export const authorPath = (slug: string) => `/authors/${slug}`;

/** The public path of a stored image. */
export const mediaPath = (storageKey: string) => `/media/${storageKey}`;
