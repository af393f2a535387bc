import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { sectionQueries } from './queries';

/** Links to every section, so a reader can narrow the front page to what they follow. */
export function SectionNav() {
  const { data } = useQuery(sectionQueries.all());
  if (!data || data.sections.length === 0) return null;
  return (
    <nav className="section-nav" aria-label="Sections">
      <ul>
        <li>
          <NavLink to="/" end>
            All
          </NavLink>
        </li>
        {data.sections.map((section) => (
          <li key={section.slug}>
            <NavLink to={`/sections/${section.slug}`}>{section.name}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
