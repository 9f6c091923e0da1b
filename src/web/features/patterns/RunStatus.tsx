import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../components/formatDate.js';
import { useSession } from '../auth/session.js';
import { useLatestPatternRun, useRefreshPatterns, useStartPatternRun } from './api.js';
import { findingsCount } from './format.js';

/** Give up waiting for a requested run that never appears after this long. */
const WAIT_LIMIT_MS = 60_000;

const checkedAt = (iso: string) => formatDateTime(iso).replace(', ', ' ');

/**
 * When patterns were last looked for and how many were found; a progress bar while a run is going; and, for leads,
 * "Check again now", which asks for a full run, follows it until it finishes, then refreshes the findings.
 */
export function RunStatus() {
  const { me, can } = useSession();
  const id = useId();
  // A run counts every finding in the organisation; only those who can see them all are told that number.
  const showsTotal = me.allServices && can('readStaffPatterns');
  const total = (found: number | null | undefined) => (showsTotal ? ` · ${findingsCount(found ?? 0)}` : '');
  const [waiting, setWaiting] = useState<{ previous: string | null; since: number } | null>(null);
  const latest = useLatestPatternRun(waiting !== null);
  const start = useStartPatternRun();
  const refresh = useRefreshPatterns();
  const [announcement, setAnnouncement] = useState('');
  const sawRunning = useRef(false);
  const run = latest.data?.run ?? null;

  useEffect(() => {
    if (!run) return;
    if (run.status === 'running') {
      sawRunning.current = true;
      // The requested run has begun: from here on it is followed like any other run.
      if (waiting !== null && run.startedAt !== waiting.previous) setWaiting(null);
      return;
    }
    const isRequestedRunDone = waiting !== null && run.startedAt !== waiting.previous;
    if (sawRunning.current || isRequestedRunDone) {
      sawRunning.current = false;
      setWaiting(null);
      setAnnouncement(run.status === 'finished'
        ? (showsTotal ? `Check finished: ${findingsCount(run.found ?? 0)}.` : 'Check finished. The patterns below are up to date.')
        : 'The check could not be finished. Try again later.');
      void refresh();
    }
  }, [run, waiting, refresh, showsTotal]);

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      setWaiting(null);
      setAnnouncement('The check has not started yet. Try again in a few minutes.');
    }, Math.max(0, WAIT_LIMIT_MS - (Date.now() - waiting.since)));
    return () => clearTimeout(timer);
  }, [waiting]);

  const isGoing = run?.status === 'running' || waiting !== null;
  const onCheck = () => {
    if (isGoing || start.isPending) return;
    setAnnouncement('');
    start.mutate(undefined, {
      onSuccess: () => setWaiting({ previous: run?.startedAt ?? null, since: Date.now() }),
      onError: () => setAnnouncement('The check could not be started. Try again later.'),
    });
  };

  let line: string;
  if (latest.isPending) line = 'Finding out when patterns were last checked…';
  else if (latest.isError) line = 'When patterns were last checked could not be loaded.';
  else if (isGoing) line = run?.status === 'running' ? `Checking for patterns: ${run.stage}` : 'Starting a check for patterns…';
  else if (!run) line = 'Patterns have not been checked yet.';
  else if (run.status === 'failed') line = `The last check, started ${checkedAt(run.startedAt)}, could not be finished.`;
  else line = `Last checked ${checkedAt(run.finishedAt ?? run.startedAt)}${total(run.found)}`;

  return (
    <div className="pattern-run">
      <div className="pattern-run__text">
        <p className="pattern-run__line" id={`${id}-line`}>{line}</p>
        {isGoing && (
          <progress className="pattern-run__progress" aria-labelledby={`${id}-line`} max={1} value={run?.status === 'running' ? run.progress : undefined} />
        )}
        <p className="pattern-run__announcement" role="status">{announcement}</p>
      </div>
      {can('recomputePatterns') && (
        <button type="button" className="button button--secondary" onClick={onCheck} aria-disabled={isGoing || start.isPending || undefined}>
          {isGoing || start.isPending ? 'Checking…' : 'Check again now'}
        </button>
      )}
    </div>
  );
}
