import { createContext, useContext, type ReactNode } from 'react';

/** Where the site is served from, for absolute URLs (canonical links, social cards). Same on server and client. */
const SiteOrigin = createContext('http://localhost');

/** When the server rendered the page: dates say "3 hours ago" from this moment until the browser takes over. */
const RenderedAt = createContext(0);

export const SiteProvider = ({
  origin,
  renderedAt,
  children,
}: {
  origin: string;
  renderedAt: number;
  children: ReactNode;
}) => (
  <SiteOrigin.Provider value={origin}>
    <RenderedAt.Provider value={renderedAt}>{children}</RenderedAt.Provider>
  </SiteOrigin.Provider>
);

export const useRenderedAt = () => useContext(RenderedAt);

export const useAbsoluteUrl = () => {
  const origin = useContext(SiteOrigin);
  return (path: string) => new URL(path, origin).toString();
};
