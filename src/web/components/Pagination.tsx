import { Link, useSearchParams } from 'react-router';
import { formatNumber } from './formatDate.js';

/** The page of a list the address asks for: `?offset=` (and a fixed page size). */
export function usePageParams(limit: number): { limit: number; offset: number } {
  const [params] = useSearchParams();
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? 0)) || 0);
  return { limit, offset: offset - (offset % limit) };
}

interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  /** What is being counted, plural: "people". */
  noun: string;
}

/** "Showing 26 to 50 of 60 people", with Previous and Next links that keep the other filters. */
export function Pagination({ total, limit, offset, noun }: PaginationProps) {
  const [params] = useSearchParams();
  const pageCount = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const linkTo = (newOffset: number) => {
    const next = new URLSearchParams(params);
    if (newOffset > 0) next.set('offset', String(newOffset));
    else next.delete('offset');
    const text = next.toString();
    return text ? `?${text}` : '?';
  };
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  const status = total === 0 ? `No ${noun}` : `Showing ${formatNumber(first)} to ${formatNumber(last)} of ${formatNumber(total)} ${noun}`;
  if (pageCount <= 1) return <p className="pagination__status">{status}</p>;
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      <p className="pagination__status">{status}</p>
      <ul className="pagination__list">
        <li>
          {page > 1 ? (
            <Link className="pagination__link" to={linkTo(offset - limit)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          ) : null}
        </li>
        <li className="pagination__page" aria-current="page">Page {page} of {pageCount}</li>
        <li>
          {page < pageCount ? (
            <Link className="pagination__link" to={linkTo(offset + limit)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
