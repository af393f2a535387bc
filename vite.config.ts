import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootScriptPlugin } from './scripts/bootScriptPlugin';

const apiPort = Number(process.env.API_PORT ?? 3001);

export default defineConfig(({ isSsrBuild, mode }) => ({
  plugins: [
    react(),
    bootScriptPlugin(fileURLToPath(new URL('./src/app/boot.ts', import.meta.url))),
    {
      // The dev server renders in the browser only: its page is titled with the site's name, as the server's
      // plain shell is, and the app names the site from that (src/app/main.tsx).
      name: 'site-title',
      apply: 'serve',
      transformIndexHtml: (html: string) => {
        let name = '';
        try {
          name =
            (
              JSON.parse(readFileSync(join(process.env.CONTENT_DIR ?? 'content', 'site.json'), 'utf8')) as {
                name?: string;
              }
            ).name ?? '';
        } catch {
          // No readable site.json: the server says so at its start.
        }
        return html.replace(
          '<!--app-head-->',
          `<title>${name.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`)}</title>`,
        );
      },
    },
  ],
  resolve: {
    // react-router's package exports point every bundler at its development build (warnings included);
    // production builds use the production files it ships beside them.
    alias:
      mode === 'production'
        ? [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(import.meta.resolve('react-router').replace('/development/', '/production/')),
            },
          ]
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
        // Resized variants of content images (server/images).
        '/img/',
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
    rolldownOptions: {
      output: {
        // The chunk that the entry shares with lazy parts (React and the app's common code) is named for what it
        // is, not after whichever of its modules the bundler picks (it was "LocalTime").
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]react[\\/]/.test(id))
            ? 'assets/shared-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
}));
