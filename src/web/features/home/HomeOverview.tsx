import { Link } from 'react-router';
import { roleLabels } from '../../../domain/roles.js';
import { navFor } from '../auth/permissions.js';
import { useSession } from '../auth/session.js';
import { useOrganisation } from '../organisation/api.js';
import { StrongestPatterns } from '../patterns/StrongestPatterns.js';
import { WaitingForYou } from './WaitingForYou.js';

/** Good morning / afternoon / evening, by the UK clock. */
export function greeting(now = new Date()): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/London' }).format(now));
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The user's services, each linking to its page. */
function YourServices() {
  const { me } = useSession();
  const count = me.services.length;
  return (
    <section className="section" aria-labelledby="your-services-title">
      <h2 id="your-services-title">Your services</h2>
      <p>
        {me.allServices
          ? `You can see all ${count} of the organisation’s services.`
          : count === 0
            ? 'No services have been given to your account yet. Ask an administrator to add them.'
            : `You can see ${count === 1 ? 'this service' : `these ${count} services`}.`}
      </p>
      {count > 0 && (
        <ul className="service-grid">
          {me.services.map((s) => (
            <li key={s.id}><Link className="service-grid__link" to={`/services/${s.id}`}>{s.name}</Link></li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the user's role lets them do, as links with a line each. */
function WhatYouCanDo() {
  const { me } = useSession();
  const items = navFor(me.user.role).filter((item) => item.to !== '/');
  return (
    <section className="section" aria-labelledby="tasks-title">
      <h2 id="tasks-title">What you can do</h2>
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.to} className="card">
            <h3 className="card__title"><Link to={item.to}>{item.label}</Link></h3>
            <p className="card__text">{item.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The start page: a greeting, the user's services and what their role lets them do. */
export function HomeOverview() {
  const { me } = useSession();
  const organisation = useOrganisation();
  const firstName = me.user.name.split(' ')[0] ?? me.user.name;
  return (
    <>
      <div className="page-header">
        <title>Home – Lantern</title>
        <div className="page-header__text">
          <span className="page-header__caption">{organisation.data?.name ?? 'Lantern'}</span>
          <h1 className="page-header__title">{greeting()}, {firstName}</h1>
          <p className="page-header__description">You are signed in as {me.user.name}, {roleLabels[me.user.role]}.</p>
        </div>
      </div>
      <WaitingForYou />
      <YourServices />
      <StrongestPatterns />
      <WhatYouCanDo />
    </>
  );
}
