import type { Site } from '../../src/schema/site';

/** The icons every page and the manifest point at: the SVG, and PNGs at the sizes home screens ask for. */
export const ICONS = [
  { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
  { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
] as const;

/** The web app manifest: what a phone shows when a reader adds the site to the home screen. */
export function webManifest(site: Site) {
  return {
    name: site.name,
    short_name: site.shortName ?? site.name,
    description: site.description,
    lang: site.language,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: site.themeColor,
    background_color: site.backgroundColor,
    icons: ICONS.map((icon) => ({ ...icon, purpose: 'any' })),
  };
}
