import { createContext, useContext, type ReactNode } from 'react';
import type { Site } from '../schema/site';

/**
 * Where the site is served from, for absolute URLs (canonical links, social cards), and the publisher's identity
 * from content/site.json (name, description, language, logo, footer, accounts). Same on server and client.
 */
const SiteContext = createContext<{ origin: string; site: Site }>({ origin: 'http://localhost', site: undefined! });

export const SiteProvider = ({ origin, site, children }: { origin: string; site: Site; children: ReactNode }) => (
  <SiteContext.Provider value={{ origin, site }}>{children}</SiteContext.Provider>
);

/** The site's identity; every render has a SiteProvider above it (component tests too: test/helpers/render). */
export const useSite = () => useContext(SiteContext).site;

export const useAbsoluteUrl = () => {
  const { origin } = useContext(SiteContext);
  return (path: string) => new URL(path, origin).toString();
};
