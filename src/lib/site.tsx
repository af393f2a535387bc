import { createContext, useContext, type ReactNode } from 'react';
import type { Site } from '../schema/site';

/** Where the site is served from, for absolute URLs (canonical links, social cards). Same on server and client. */
const SiteOrigin = createContext('http://localhost');

/** When the server rendered the page: dates say "3 hours ago" from this moment until the browser takes over. */
const RenderedAt = createContext(0);

/** The publisher's identity from content/site.json: name, description, language, logo, footer, accounts. */
const SiteIdentity = createContext<Site | undefined>(undefined);

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
  <SiteOrigin.Provider value={origin}>
    <SiteIdentity.Provider value={site}>
      <RenderedAt.Provider value={renderedAt}>{children}</RenderedAt.Provider>
    </SiteIdentity.Provider>
  </SiteOrigin.Provider>
);

export const useRenderedAt = () => useContext(RenderedAt);

/**
 * The site's identity. Outside a provider (a component test) it is a plain stand-in, so components stay
 * testable one at a time.
 */
export const useSite = (): Site => useContext(SiteIdentity) ?? FALLBACK_SITE;

const FALLBACK_SITE: Site = {
  name: 'News',
  description: 'The latest stories.',
  language: 'en',
  social: [],
  imageOrigins: [],
  themeColor: '#1d3b4f',
  backgroundColor: '#f4efe6',
};

export const useAbsoluteUrl = () => {
  const origin = useContext(SiteOrigin);
  return (path: string) => new URL(path, origin).toString();
};
