import { createContext, useContext, type ReactNode } from 'react';

/** Where the site is served from, for absolute URLs (canonical links, social cards). Same on server and client. */
const SiteOrigin = createContext('http://localhost');

export const SiteProvider = ({ origin, children }: { origin: string; children: ReactNode }) => (
  <SiteOrigin.Provider value={origin}>{children}</SiteOrigin.Provider>
);

export const useAbsoluteUrl = () => {
  const origin = useContext(SiteOrigin);
  return (path: string) => new URL(path, origin).toString();
};
