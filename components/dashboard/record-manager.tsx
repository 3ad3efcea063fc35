import type { ReactNode } from 'react';

type PageProps = {
  title: string;
  /** e.g. "New section", above the create form. */
  createHeading: string;
  createForm: ReactNode;
  /** e.g. "All campaigns (4)", above the list. */
  listHeading: string;
  /** The list itself (its items are RecordItem). */
  children: ReactNode;
};

const idOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The page of a record manager (sections, campaigns, authors): a create form, then every record. */
export function RecordManagerPage({ title, createHeading, createForm, listHeading, children }: PageProps) {
  const createId = idOf(createHeading);
  const listId = `${idOf(title)}-list`;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{title}</h1>
      <section aria-labelledby={createId} className="space-y-3">
        <h2 id={createId} className="text-lg font-semibold">
          {createHeading}
        </h2>
        <div className="rounded border border-neutral-200 bg-white p-4">{createForm}</div>
      </section>
      <section aria-labelledby={listId} className="space-y-3">
        <h2 id={listId} className="text-lg font-semibold">
          {listHeading}
        </h2>
        {children}
      </section>
    </div>
  );
}

/** The class of the list that holds RecordItems. */
export const recordListClass = 'divide-y divide-neutral-200 rounded border border-neutral-200 bg-white';

type ItemProps = {
  name: string;
  /** The reader page of the record. */
  href: string;
  articleCount: number;
  testId: string;
  /** Shown before the name, e.g. a place number or a photo. */
  lead?: ReactNode;
  /** Shown after the link, e.g. dates or a partner badge. */
  meta?: ReactNode;
  /** Row actions (move, delete) above the edit form. */
  actions?: ReactNode;
  /** The edit form, inside an "Edit <name>" disclosure. */
  editForm: ReactNode;
  /** Nested content after the edit form, e.g. subsections. */
  children?: ReactNode;
  className?: string;
};

/** One record in a manager list: its name, reader link and article count, actions and a folded edit form. */
export function RecordItem({ name, href, articleCount, testId, lead, meta, actions, editForm, children, className }: ItemProps) {
  return (
    <li className={`space-y-3 p-4 ${className ?? ''}`} data-testid={testId}>
      <div className="flex flex-wrap items-center gap-x-3">
        {lead}
        <h3 className="font-semibold">{name}</h3>
        <a href={href} className="text-sm text-blue-800 underline">
          {href}
        </a>
        {meta}
        <span className="text-xs text-neutral-600">
          {articleCount} article{articleCount === 1 ? '' : 's'}
        </span>
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      <details className="rounded border border-neutral-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Edit {name}</summary>
        <div className="mt-3">{editForm}</div>
      </details>
      {children}
    </li>
  );
}
