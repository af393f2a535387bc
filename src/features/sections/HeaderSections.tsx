import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { sectionSlug } from '../../schema/sections';
import { useSite } from '../../lib/site';
import { storyQueries } from '../story';
import { sectionQueries } from './queries';

const SECTION_PATH = /^\/sections\/([^/]+)\/?$/;
const STORY_PATH = /^\/stories\/([^/]+)\/?$/;

/**
 * The header's sections on every page: the ones content/site.json lists (`navigation.sections`), else every
 * section with a story. The current one is marked: `page` on its own page, `true` on a story in it. On phones the
 * same links sit in a disclosure (a native <details>), which opens by keyboard and without JavaScript.
 */
export function HeaderSections() {
  const site = useSite();
  const { pathname } = useLocation();
  const listed = site.navigation?.sections;
  const all = useQuery({ ...sectionQueries.names(), enabled: listed === undefined });
  const storySlug = STORY_PATH.exec(pathname)?.[1] ?? '';
  // Read from the cache only: the story's page asks for it, the header just looks.
  const story = useQuery({ ...storyQueries.detail(decodeURIComponent(storySlug)), enabled: false });
  const sections = listed?.map((name) => ({ name, slug: sectionSlug(name) })) ?? all.data?.sections ?? [];
  if (sections.length === 0) return null;
  const onSection = SECTION_PATH.exec(pathname)?.[1];
  const storySection = storySlug && story.data ? sectionSlug(story.data.section) : undefined;
  const links = (
    <ul>
      {sections.map(({ name, slug }) => (
        <li key={slug}>
          <Link
            to={`/sections/${slug}`}
            aria-current={onSection === slug ? 'page' : storySection === slug ? 'true' : undefined}
          >
            {name}
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <nav className="header-sections" aria-label="Sections">
      <div className="header-sections-wide">{links}</div>
      {/* Keyed by the address: a menu opened to choose a section is closed on the page it led to. */}
      <details className="header-sections-menu" key={pathname}>
        <summary>Sections</summary>
        {links}
      </details>
    </nav>
  );
}
