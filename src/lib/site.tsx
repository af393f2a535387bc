import { createContext, useContext, type ReactNode } from 'react';
import type { Site } from '../schema/site';

/** Where the site is served from, for absolute URLs (canonical links, social cards). Same on server and client. */
const SiteOrigin = createContext('http://localhost');

/** The publisher's identity from content/site.json: name, description, language, logo, footer, accounts. */
const SiteIdentity = createContext<Site | undefined>(undefined);

export const SiteProvider = ({ origin, site, children }: { origin: string; site: Site; children: ReactNode }) => (
  <SiteOrigin.Provider value={origin}>
    <SiteIdentity.Provider value={site}>{children}</SiteIdentity.Provider>
  </SiteOrigin.Provider>
);

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
