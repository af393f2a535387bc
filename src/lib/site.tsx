import { createContext, useContext, type ReactNode } from 'react';
import type { Site } from '../schema/site';

/**
 * Where the site is served from, for absolute URLs (canonical links, social cards), and the publisher's identity
 * from content/site.json (name, description, language, logo, footer, accounts). Same on server and client.
 */
const SiteContext = createContext<{ origin: string; site: Site }>({ origin: 'http://localhost', site: undefined! });

/** When the server rendered the page: dates say "3 hours ago" from this moment until the browser takes over. */
const RenderedAt = createContext(0);

export const SiteProvider = ({
  origin,
  renderedAt,
  site,
  children,
}: {
  origin: string;
  renderedAt: number;
  site: Site;
  children: ReactNode;
}) => (
  <SiteContext.Provider value={{ origin, site }}>
    <RenderedAt.Provider value={renderedAt}>{children}</RenderedAt.Provider>
  </SiteContext.Provider>
);

export const useRenderedAt = () => useContext(RenderedAt);

/** The site's identity; every render has a SiteProvider above it (component tests too: test/helpers/render). */
export const useSite = () => useContext(SiteContext).site;

export const useAbsoluteUrl = () => {
  const { origin } = useContext(SiteContext);
  return (path: string) => new URL(path, origin).toString();
};
