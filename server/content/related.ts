/**
 * Related stories Byline picks when a story names none (WordPress has no related-posts API; a content file or an
 * API story may leave `related` out): stories sharing the most tags first, then stories in a shared category (a
 * WordPress category, or a story's section), newest first within each; when fewer than the minimum are related
 * at all, the newest other stories fill the list.
 */

/** A tag or category: WordPress term ids, or names (a story's section). */
export type RelatedTerm = string | number;

export interface RelatedCandidate {
  slug: string;
  tags: readonly RelatedTerm[];
  categories: readonly RelatedTerm[];
  /** ISO 8601; compared as text, which orders ISO dates of one zone correctly. */
  publishedAt: string;
}

export const RELATED_MIN = 3;
export const RELATED_MAX = 6;

interface Scored {
  slug: string;
  sharedTags: number;
  sharedCategory: number;
  publishedAt: string;
}

/** Better first: more shared tags, then a shared category, then newer, then by slug (a stable order). */
const before = (a: Scored, b: Scored): boolean =>
  a.sharedTags !== b.sharedTags
    ? a.sharedTags > b.sharedTags
    : a.sharedCategory !== b.sharedCategory
      ? a.sharedCategory > b.sharedCategory
      : a.publishedAt !== b.publishedAt
        ? a.publishedAt > b.publishedAt
        : a.slug < b.slug;

/**
 * Runs once per synced post over every published post, so it keeps only the best few as it goes (linear in
 * the size of the site) instead of sorting the whole site for each story.
 */
export function pickRelated(story: RelatedCandidate, candidates: Iterable<RelatedCandidate>): string[] {
  const tags = new Set(story.tags);
  const categories = new Set(story.categories);
  const best: Scored[] = [];
  let relevant = 0;
  for (const candidate of candidates) {
    if (candidate.slug === story.slug) continue;
    let sharedTags = 0;
    for (const tag of candidate.tags) if (tags.has(tag)) sharedTags++;
    const sharedCategory = candidate.categories.some((category) => categories.has(category)) ? 1 : 0;
    if (sharedTags || sharedCategory) relevant++;
    const scored = { slug: candidate.slug, sharedTags, sharedCategory, publishedAt: candidate.publishedAt };
    if (best.length === RELATED_MAX && !before(scored, best[RELATED_MAX - 1]!)) continue;
    let at = best.length;
    while (at > 0 && before(scored, best[at - 1]!)) at--;
    best.splice(at, 0, scored);
    if (best.length > RELATED_MAX) best.pop();
  }
  const count = Math.min(best.length, Math.max(relevant, RELATED_MIN));
  return best.slice(0, count).map((entry) => entry.slug);
}
