/**
 * WordPress has no related-posts API, so Byline picks them: stories sharing the most tags first, then stories
 * in a shared category, newest first within each; when fewer than the minimum are related at all, the newest
 * other stories fill the list (the story schema asks for 3 to 6).
 */

export interface RelatedCandidate {
  slug: string;
  tags: readonly number[];
  categories: readonly number[];
  /** ISO 8601; compared as text, which orders ISO dates of one zone correctly. */
  publishedAt: string;
}

export const RELATED_MIN = 3;
export const RELATED_MAX = 6;

export function pickRelated(story: RelatedCandidate, candidates: Iterable<RelatedCandidate>): string[] {
  const tags = new Set(story.tags);
  const categories = new Set(story.categories);
  const scored = [];
  for (const candidate of candidates) {
    if (candidate.slug === story.slug) continue;
    const sharedTags = candidate.tags.filter((tag) => tags.has(tag)).length;
    const sharedCategory = candidate.categories.some((category) => categories.has(category)) ? 1 : 0;
    scored.push({ candidate, sharedTags, sharedCategory });
  }
  scored.sort(
    (a, b) =>
      b.sharedTags - a.sharedTags ||
      b.sharedCategory - a.sharedCategory ||
      b.candidate.publishedAt.localeCompare(a.candidate.publishedAt) ||
      a.candidate.slug.localeCompare(b.candidate.slug),
  );
  const relevant = scored.filter((entry) => entry.sharedTags > 0 || entry.sharedCategory > 0).length;
  const count = Math.min(scored.length, RELATED_MAX, Math.max(relevant, RELATED_MIN));
  return scored.slice(0, count).map((entry) => entry.candidate.slug);
}
