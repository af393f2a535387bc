import { Link } from 'react-router';
import { useSite } from '../lib/site';

/**
 * The header's link home: the logo beside the name, or a wordmark logo alone, the name as its alt text, so the
 * name is read (and shown) once.
 */
export function SiteName() {
  const site = useSite();
  const { logo } = site;
  return (
    <Link to="/" className="site-name">
      {logo?.includesName ? (
        <img className="site-logo site-wordmark" src={logo.src} alt={site.name} />
      ) : (
        <>
          {logo && <img className="site-logo" src={logo.src} alt={logo.alt} />}
          {site.name}
        </>
      )}
    </Link>
  );
}
