type FilterValue = string | number | boolean | null | undefined;

/** The list's address with its current filters and `format=csv`; paging is dropped, as the export holds every match. */
export function csvHref(path: string, filter: Record<string, FilterValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'limit' || key === 'offset' || value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  params.set('format', 'csv');
  return `${path}?${params.toString()}`;
}

/**
 * "Download CSV" for a list: a plain link to the list route with the filters on screen, so the server applies the
 * same access rules (and audit) as for the list itself. `what` names the list for screen readers.
 */
export function CsvDownloadLink({ path, filter, what }: { path: string; filter: Record<string, FilterValue>; what: string }) {
  return (
    <p className="list-export">
      <a className="button button--secondary" href={csvHref(path, filter)} download>
        Download CSV<span className="visually-hidden"> of {what} (with the filters above)</span>
      </a>
    </p>
  );
}
