import { Link } from 'react-router';

/** A "Back to …" link above a page's heading. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return <Link className="back-link" to={to}>{children}</Link>;
}
