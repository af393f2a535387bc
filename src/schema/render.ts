/**
 * The contract between the server and the page renderer it loads from the build (dist/server/entry-server.js,
 * built from src/app/entry-server.tsx): plain types, so the server knows it without importing any UI.
 */
import type { Site } from './site';

export interface RenderedPage {
  status: number;
  /** Title, meta and link tags for the document head. */
  head: string;
  /** The app's markup, for inside <div id="root">. */
  html: string;
  /** A <script type="application/json"> that seeds the browser's query cache. */
  state: string;
  /** The page's content without the cache's timestamps: equal fingerprints mean an equivalent page. */
  fingerprint: string;
  /** Attributes for the <html> element besides lang (the server sets that from the site): theme and text size. */
  htmlAttributes: string;
}

export interface RenderOptions {
  url: string;
  origin: string;
  /** The site's identity from content/site.json, read by the server at start. */
  site: Site;
  /** Answers the app's /api calls in-process. */
  api: (path: string, init: RequestInit) => Promise<Response>;
  /** The request's Cookie header, for the reader's preferences. */
  cookie?: string;
}

export interface Renderer {
  render(options: RenderOptions): Promise<RenderedPage>;
}
