type FilterValue = string | number | boolean | null | undefined;

/** The filters in use, as query parameters; paging is dropped, as an export holds every match. */
function filterParams(filter: Record<string, FilterValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'limit' || key === 'offset' || value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params;
}

/** The list's address with its current filters and `format=csv`. */
export function csvHref(path: string, filter: Record<string, FilterValue>): string {
  const params = filterParams(filter);
  params.set('format', 'csv');
  return `${path}?${params.toString()}`;
}

/**
 * "Download CSV" for a list: a plain link to the list route with the filters on screen, so the server applies the
 * same access rules (and audit) as for the list itself. `what` names the list for screen readers.
 */
export function CsvDownloadLink({ path, filter, what, hasFilters }: { path: string; filter: Record<string, FilterValue>; what: string; hasFilters?: boolean }) {
  // A page whose filter is fixed (your own challenges) has none on screen to speak of.
  const isFiltered = hasFilters ?? [...filterParams(filter).keys()].length > 0;
  return (
    <p className="list-export">
      <a className="button button--secondary" href={csvHref(path, filter)} download>
        Download CSV<span className="visually-hidden"> of {what}{isFiltered ? ' (with the filters above)' : ''}</span>
      </a>
    </p>
  );
}
