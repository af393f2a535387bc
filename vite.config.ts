import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bootScriptPlugin } from './scripts/bootScriptPlugin';

const apiPort = Number(process.env.API_PORT ?? 3001);

export default defineConfig(({ isSsrBuild, mode }) => ({
  plugins: [react(), bootScriptPlugin(fileURLToPath(new URL('./src/app/boot.ts', import.meta.url)))],
  resolve: {
    // react-router's package exports point every bundler at its development build (warnings included);
    // production builds use the production files it ships beside them.
    alias:
      mode === 'production'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(import.meta.resolve('react-router').replace('/development/', '/production/')) }]
        : [],
  },
  server: {
    // The API, and what the server builds from site.json and the content: feeds, sitemaps, manifest, icons.
    proxy: Object.fromEntries(
      [
        '/api',
        '/feed.xml',
        '^/(sections|authors)/[^/]+/feed\\.xml$',
        '^/(sitemap|news-sitemap)\\.xml$',
        '/sitemaps/',
        '/robots.txt',
        '/manifest.webmanifest',
        '^/(icon|favicon)[\\w.-]*$',
      ].map((path) => [path, `http://127.0.0.1:${apiPort}`]),
    ),
  },
  build: {
    target: 'es2022',
    // Every browser the es2022 build runs in supports modulepreload: the polyfill would only cost entry bytes.
    modulePreload: { polyfill: false },
    sourcemap: true,
    // The server renderer (dist/server) needs no copy of the static files.
    copyPublicDir: !isSsrBuild,
  },
}));
