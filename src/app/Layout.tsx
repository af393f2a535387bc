import { useIsFetching } from '@tanstack/react-query';
import { Link, Outlet } from 'react-router';
import { OfflineBanner } from '../features/offline';
import { ThemeToggle } from '../features/preferences';
import { SearchForm } from '../features/search';
import { HeaderSections } from '../features/sections';
import { ScrollManager } from './ScrollManager';
import { SiteName } from './SiteName';
import { SiteFooter } from './SiteFooter';

export function Layout() {
  const loading = useIsFetching() > 0;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <SiteName />
          <nav aria-label="Site">
            <ul className="site-nav">
              <li>
                <Link to="/">Latest</Link>
              </li>
              <li>
                <Link to="/saved">Saved</Link>
              </li>
              <li>
                <ThemeToggle />
              </li>
            </ul>
          </nav>
          <SearchForm />
        </div>
        <HeaderSections />
        {loading && <div className="route-progress" aria-hidden="true" />}
        <OfflineBanner />
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollManager />
    </>
  );
}
