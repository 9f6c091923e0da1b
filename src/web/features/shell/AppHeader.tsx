import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { roleLabels } from '../../../domain/roles.js';
import { navFor } from '../auth/permissions.js';
import { useSession } from '../auth/session.js';
import { useOrganisation } from '../organisation/api.js';
import { Brand } from './Brand.js';
import { SignOutButton } from './SignOutButton.js';

/**
 * Who is signed in, their account page (password, sessions), and signing out. On a phone it is at the foot of the menu; on a wider screen in the top bar
 * (only one of the two is shown), so that the navigation has the width of the page.
 */
function SignedIn({ className }: { className: string }) {
  const { me } = useSession();
  return (
    <div className={`signed-in ${className}`}>
      <span className="signed-in__who">
        <span className="visually-hidden">Signed in as </span>
        <span className="signed-in__name">{me.user.name}</span>
        <span className="signed-in__role">{roleLabels[me.user.role]}</span>
      </span>
      <Link className="signed-in__account" to="/account">Your account</Link>
      <SignOutButton className="button button--small button--inverse" />
    </div>
  );
}

/** The header: name, organisation, and the navigation for the user's role (a menu button on phones). */
export function AppHeader() {
  const { me } = useSession();
  const organisation = useOrganisation();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  // A new page closes the menu.
  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!isMenuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isMenuOpen]);

  return (
    <header className="app-header">
      <div className="app-header__bar">
        <div className="width-container app-header__inner">
          <div className="app-header__identity">
            <Brand />
            {organisation.data && (
              <span className="app-header__organisation">
                <span className="app-header__organisation-name">{organisation.data.name}</span>
                {organisation.data.isDemo && <span className="tag tag--demo">Demo</span>}
              </span>
            )}
          </div>
          <SignedIn className="app-header__user" />
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={isMenuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-button__icon" aria-hidden="true" />
            Menu
          </button>
        </div>
      </div>
      <div id="app-menu" className={isMenuOpen ? 'app-menu is-open' : 'app-menu'}>
        <div className="width-container app-menu__inner">
          <nav className="main-nav" aria-label="Main">
            <ul className="main-nav__list">
              {navFor(me.user.role).map((item) => (
                <li key={item.to} className="main-nav__item">
                  <NavLink className="main-nav__link" to={item.to} end={item.to === '/'}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <SignedIn className="app-menu__user" />
        </div>
      </div>
    </header>
  );
}
