/**
 * Saved stories, kept in this browser's localStorage (newest saved first) with what the saved page needs to list
 * them without asking the server. Plain functions, no React: the lazily loaded saved page and service-worker code
 * import them freely (see store.ts for the hook, and LazySavedPage.tsx for why that matters). This is on the first-visit path, so it is its own few lines rather than
 * src/lib/storage.ts, which only the lazily loaded comments need (importing it would move it into the entry
 * chunk). Same rules: never throws; an entry here only needs a slug, the saved page checks every field.
 */
export const SAVED_KEY = 'byline:saved';

export interface SaveableStory {
  slug: string;
  headline: string;
  section: string;
  excerpt: string;
  leadIn?: string;
  publishedAt: string;
  author: { id: string; name: string };
  image?: { src: string; alt: string; width?: number; height?: number };
}

export interface SavedStory extends SaveableStory {
  /** ISO time the reader saved it. */
  savedAt: string;
}

/** The fields kept, at every level (JSON.stringify's allow-list): a full Story carries much more. */
const FIELDS = [
  'slug',
  'headline',
  'section',
  'excerpt',
  'leadIn',
  'publishedAt',
  'author',
  'id',
  'name',
  'image',
  'src',
  'alt',
  'width',
  'height',
];

export function readSavedRaw() {
  try {
    return localStorage.getItem(SAVED_KEY);
  } catch {
    return null;
  }
}

export function parseSaved(raw: string | null): SavedStory[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(value) ? value.filter((entry) => typeof entry?.slug === 'string') : [];
  } catch {
    return [];
  }
}

/** Other tabs' changes arrive as 'storage' events, and so do this tab's own (see writeList). */
export function subscribeToSaved(listener: () => void) {
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}

export const savedSlugs = () => parseSaved(readSavedRaw()).map((story) => story.slug);

const without = (slug: string) => parseSaved(readSavedRaw()).filter((story) => story.slug !== slug);

/**
 * Returns false when the browser would not keep the change (private mode, full or disabled storage). A change
 * is announced as a 'storage' event, as other tabs' changes are: the hook and the service-worker code listen.
 */
function writeList(list: SavedStory[]) {
  try {
    localStorage.setItem(SAVED_KEY, JSON.stringify(list));
  } catch {
    return false;
  }
  dispatchEvent(new Event('storage'));
  return true;
}

export const saveStory = (story: SaveableStory) =>
  writeList([
    { ...JSON.parse(JSON.stringify(story, FIELDS)), savedAt: new Date().toISOString() },
    ...without(story.slug),
  ]);

export const unsaveStory = (slug: string) => writeList(without(slug));

/** What the Save button and the saved page say when the browser refuses (private browsing, full storage). */
export const STORAGE_REFUSED = 'This browser is not letting this site keep saved stories.';
