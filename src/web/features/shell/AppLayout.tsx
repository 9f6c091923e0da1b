import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { AppFooter } from './AppFooter.js';
import { AppHeader } from './AppHeader.js';
import { Brand } from './Brand.js';
import { SkipLink } from './SkipLink.js';

/**
 * Every signed-in page: skip link, header and navigation, the page in <main>, footer.
 * After moving to another page, focus goes to <main> so screen readers start at the new content.
 */
export function AppLayout() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const isFirstPage = useRef(true);

  useEffect(() => {
    if (isFirstPage.current) {
      isFirstPage.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="page">
      <SkipLink />
      <AppHeader />
      <main id="main-content" ref={main} className="width-container main" tabIndex={-1}>
        <Outlet />
      </main>
      <AppFooter />
    </div>
  );
}

/** Pages for people not signed in (sign-in): the same frame without navigation. */
export function PublicLayout() {
  return (
    <div className="page">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__bar">
          <div className="width-container app-header__inner">
            <div className="app-header__identity">
              <Brand />
            </div>
          </div>
        </div>
      </header>
      <main id="main-content" className="width-container main" tabIndex={-1}>
        <Outlet />
      </main>
      <AppFooter />
    </div>
  );
}
