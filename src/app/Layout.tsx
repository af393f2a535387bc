import { Link, Outlet, ScrollRestoration, useNavigation } from 'react-router';

export function Layout() {
  const navigation = useNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="site-name">
            Byline
          </Link>
          <nav aria-label="Site">
            <ul className="site-nav">
              <li>
                <Link to="/">Latest</Link>
              </li>
            </ul>
          </nav>
        </div>
        {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Byline — independent news from Port Alder. Stories and images are fictional demo content.</p>
      </footer>
      <ScrollRestoration />
    </>
  );
}
