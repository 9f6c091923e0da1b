import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../api/client.js';

/** A polite "Loading…" line. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <p className="loading" role="status">{label}</p>;
}

/** Why something could not be loaded, in plain words, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = isApiError(error) ? error.status : 0;
  const title = status === 404 ? 'Not found' : status === 403 ? 'You do not have access to this' : 'This could not be loaded';
  const detail = isApiError(error) ? error.problem.detail : 'Something went wrong. Please try again.';
  return (
    <div className="problem" role="alert">
      <h2 className="problem__title">{title}</h2>
      <p>{detail}</p>
      {onRetry && (status === 0 || status >= 500) && (
        <button type="button" className="button button--secondary" onClick={onRetry}>Try again</button>
      )}
    </div>
  );
}

interface QueryResultProps<T> {
  query: UseQueryResult<T>;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}

/** Render a query's data, or its loading line, or its error. */
export function QueryResult<T>({ query, loadingLabel, children }: QueryResultProps<T>) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
