import { Link } from 'react-router';
import { useSite } from '../lib/site';

/** The footer's pages (content/site.json `navigation.footer`) and the site's line. */
export function SiteFooter() {
  const site = useSite();
  const pages = site.navigation?.footer ?? [];
  return (
    <footer className="site-footer">
      {pages.length > 0 && (
        <nav aria-label="About this site">
          <ul className="footer-pages">
            {pages.map((link) => (
              <li key={link.page}>
                <Link to={`/pages/${link.page}`}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>{site.footer ?? site.name}</p>
    </footer>
  );
}
