// Dates as people in England write them: "26 Nov 2026", "Nov 2026". The month names are Lantern's own rather than the
// browser's or Node's, whose en-GB data now say "Sept" for September, and vary from one version to the next.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar date (YYYY-MM-DD, or the date part of a longer text) as "26 Nov 2026". */
export function formatDay(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** A month (YYYY-MM) as "Nov 2026". */
export function formatMonthOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1] ?? '?'} ${y}`;
}
