/** The head of a dashboard table: one `<th scope="col">` per heading, small capitals under a rule. */
export function ColumnHeads({ headings }: { headings: readonly string[] }) {
  return (
    <thead className="border-b border-neutral-300 text-xs text-neutral-700 uppercase">
      <tr>
        {headings.map((h) => (
          <th key={h} scope="col" className="py-2 pr-3">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
