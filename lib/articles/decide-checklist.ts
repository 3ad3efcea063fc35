/** What the publish checklist looks at. */
export type ChecklistSubject = {
  sectionId: string | null | undefined;
  authorIds: readonly string[];
  standfirst: string;
  heroImage: { alt: string } | null;
  headline: string;
};

/** Field → reason, one entry per failed check; empty when the article may be published. */
export type ChecklistFailures = Partial<Record<'headline' | 'sectionId' | 'authorIds' | 'standfirst' | 'heroImage', string>>;

/**
 * The publish checklist: pure, so the UI shows each reason next to its field and the server refuses
 * the same things. Publishing and scheduling are blocked until it is empty.
 */
export function decidePublishChecklist(a: ChecklistSubject): ChecklistFailures {
  const failures: ChecklistFailures = {};
  if (!a.headline.trim()) failures.headline = 'Add a headline.';
  if (!a.sectionId) failures.sectionId = 'Choose a section.';
  if (a.authorIds.length === 0) failures.authorIds = 'Add at least one author.';
  if (!a.standfirst.trim()) failures.standfirst = 'Write a standfirst.';
  if (!a.heroImage) failures.heroImage = 'Add a hero image.';
  else if (!a.heroImage.alt.trim()) failures.heroImage = 'Describe the hero image in its alt text.';
  return failures;
}
