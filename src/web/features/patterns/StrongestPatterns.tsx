import { Link } from 'react-router';
import { patternKindLabels } from '../../../domain/patterns.js';
import { useSession } from '../auth/session.js';
import { usePatterns } from './api.js';
import { strengthText } from './format.js';
import './patterns.css';

/** For the Home page: the three strongest open patterns, with a link to them all (only for those who may read them). */
export function StrongestPatterns() {
  const { can } = useSession();
  if (!can('readPatterns')) return null;
  return <StrongestPatternsList />;
}

function StrongestPatternsList() {
  const patterns = usePatterns({ scope: 'organisation', limit: 3 });
  return (
    <section className="section" aria-labelledby="strongest-patterns-title">
      <h2 id="strongest-patterns-title">Strongest patterns</h2>
      {patterns.isPending ? (
        <p className="loading" role="status">Loading patterns…</p>
      ) : patterns.isError ? (
        <p>The patterns could not be loaded.</p>
      ) : patterns.data.patterns.length === 0 ? (
        <p>No patterns stand out at the moment.</p>
      ) : (
        <ul className="pattern-top">
          {patterns.data.patterns.map((p) => (
            <li key={p.id}>
              <span className="pattern-top__kind">{patternKindLabels[p.kind]} · {strengthText(p.strength)}</span>
              <Link to={`/patterns/${p.id}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      )}
      <p><Link to="/patterns">All patterns</Link></p>
    </section>
  );
}
