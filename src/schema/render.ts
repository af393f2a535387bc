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
}

/** A comment posted with the page's own form (no JavaScript): what the answer page shows the poster. */
export interface CommentFormState {
  slug: string;
  /** Everything the reader typed, sent back into the form when it was refused. */
  values: { text: string; name: string; email: string; website: string; parentId: number | null };
  /** Messages for the fields that need attention, keyed by field (text, name, email, website, parentId). */
  errors: Record<string, string>;
  /** What stopped the comment when no single field did (too fast, a duplicate). */
  problem?: string;
  /** The comment as stored, when it was accepted. */
  posted?: { comment: { id: number; parentId: number | null; name: string; website: string | null; text: string; createdAt: string }; status: string };
}

export type FormState = { comment: CommentFormState };

export interface RenderOptions {
  url: string;
  origin: string;
  /** The site's identity from content/site.json, read by the server at start. */
  site: Site;
  /** Answers the app's /api calls in-process. */
  api: (path: string, init: RequestInit) => Promise<Response>;
  /** The outcome of a form this reader posted; such a page is rendered for them alone and never cached. */
  form?: FormState;
}

export interface Renderer {
  render(options: RenderOptions): Promise<RenderedPage>;
}
