import type { ImageEnricher } from '../../images';
import { AuthorFile, StoryFile } from '../../../src/schema/content';
import type { WordPressClient } from './client';
import type { WordPressCommentRow, WordPressStoryMeta } from '../../store';
import { mapComments } from './comments';
import { embeddedRecords } from './embedded';
import { gmtToIso, mapPost, storySlug, unknownAuthor } from './map';
import { mediaCopies, mediaIdsNeeded, mediaSizeLookup } from './mediaSizes';
import { pickRelated, type RelatedCandidate } from '../../content';
import { WordPressStory } from './story';
import { check, WpComment, WpMedia, WpPost, WpPostIndexEntry, type WpMedia as WpMediaRecord } from './schema';
import type { WordPressProblems } from '../../contentProblems';

/** A story this source stored and has not withdrawn; `id` is its post's (unknown for rows older than the ids). */
export interface KnownPost {
  slug: string;
  id: number | undefined;
}

/**
 * Where a sync puts what it read: the store, through whatever methods the store has. Every method may be
 * async. A story reaches upsertStory only once it has passed WordPressStory, and its author has been upserted first.
 */
export interface WordPressSink {
  /** The stories this source stored and has not withdrawn (to find deleted posts). */
  knownWordPressPosts(): Promise<Iterable<KnownPost>> | Iterable<KnownPost>;
  /** What related stories are picked from, for every story this source shows: a sync without the full pass. */
  relatedCandidates(): Promise<RelatedCandidate[]> | RelatedCandidate[];
  upsertAuthor(author: AuthorFile): Promise<void> | void;
  /** Inserts or replaces the story (and un-withdraws it); says which, or that nothing changed. */
  upsertStory(story: StoryFile, meta: WordPressStoryMeta): Promise<StoryChange> | StoryChange;
  /** Hides a story whose post is no longer published; its comments stay for when it returns. */
  withdrawStory(slug: string): Promise<void> | void;
  /** Adds the comments not stored yet (by wordpressId) and returns how many were new. */
  importComments(rows: WordPressCommentRow[]): Promise<number> | number;
  /** WordPress ids of the imported comments readers see. */
  shownWordPressComments(): Promise<Iterable<number>> | Iterable<number>;
  /** Hides imported comments that WordPress no longer shows (deleted, unapproved, marked spam). */
  hideComments(wordpressIds: readonly number[]): Promise<void> | void;
}

export type StoryChange = 'added' | 'updated' | 'unchanged';

/** A sink's refusal of one post (another source owns its slug): that post is skipped, the sync goes on. */
export class SinkRefusal extends Error {}

export interface SyncOptions {
  client: WordPressClient;
  sink: WordPressSink;
  /** One line per event worth knowing: a skipped post, what a conversion changed, a failure. */
  log: (line: string) => void;
  /**
   * The nextSince of the previous successful sync; undefined for a first, full sync. Posts modified after it are
   * converted again.
   */
  since?: string;
  /**
   * A full pass (the default without `since`): the list of every published post, for withdrawals and related
   * stories, and every approved comment, for comments approved late or removed in WordPress. Without it a sync
   * asks WordPress how many posts are published and falls back to the list of posts only when that count is
   * not what the store expects, so an idle sync costs a few requests whatever the size of the site.
   */
  full?: boolean;
  /** The `unstored` of the previous sync: published posts the store does not have (refused or skipped). */
  unstored?: readonly number[];
  /**
   * How far before `since` to look for comments. WordPress filters comments by their date, not by when they were
   * approved, so one approved a day after it was written would otherwise wait for the next full pass.
   * Default two days.
   */
  commentLookbackMs?: number;
  /** Where refused posts are kept for the admins (the store's content problems), by post id. */
  problems?: WordPressProblems;
  /** Adds what resized copies need to each raster image (server/images); absent, images are stored as converted. */
  images?: ImageEnricher;
}

export interface SyncReport {
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Posts (and comments) refused: each has had its log line. */
  skipped: number;
  commentsAdded: number;
  /** Imported comments hidden because WordPress no longer shows them (full passes only). */
  commentsRemoved: number;
  /** Requests made to WordPress by this sync, retries included. */
  requests: number;
  /** Whether the full pass over posts and comments ran (asked for, or the first sync). */
  full: boolean;
  /** Pass as `since` next time. Missing when the sync failed: the next one then covers this one's period again. */
  nextSince?: string;
  /** Pass as `unstored` next time: published posts the store does not have. Missing when the sync failed. */
  unstored?: number[];
  /** Why the sync stopped early. Nothing is withdrawn after a failure; what was stored before it stays. */
  failed?: string;
}

/** A report of nothing done yet: the start of every sync, and what a sync that did not run says. */
export const emptyReport = (full = false): SyncReport => ({
  added: 0,
  updated: 0,
  unchanged: 0,
  withdrawn: 0,
  skipped: 0,
  commentsAdded: 0,
  commentsRemoved: 0,
  requests: 0,
  full,
});

/** WordPress compares modified_after with the site's local time: a margin covers any time zone. */
const MODIFIED_MARGIN_MS = 15 * 60 * 60 * 1000;
const DEFAULT_COMMENT_LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;

const isoMinus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One sync of a WordPress site into the sink: what exists (the full pass over published posts, or a count of
 * them checked against the store), then the posts changed since the last sync, page by page, each converted,
 * validated and stored or skipped on its own, then withdrawals, then comments. Memory holds one page of posts
 * and a small record per published post, whatever the size of the site.
 */
export async function syncWordPress(options: SyncOptions): Promise<SyncReport> {
  const { client, sink, log, since, images } = options;
  const full = options.full ?? since === undefined;
  const firstRequest = client.requests;
  const report = emptyReport(full);
  const done = () => ({ ...report, requests: client.requests - firstRequest });
  const skip = (what: string, reason: string) => {
    report.skipped++;
    log(`wordpress: ${what} skipped: ${reason}`);
  };
  /** A post skipped, kept for the admins too: a post already online keeps its last good version. */
  const refuse = async (postId: number, slug: string | undefined, what: string, reason: string) => {
    skip(what, reason);
    const online = slug !== undefined && known.has(slug);
    await options.problems?.refused(postId, reason, online ? 'the last good version stays' : 'not published');
  };
  let latest = since;
  const later = (iso: string) => {
    if (!latest || iso > latest) latest = iso;
  };

  const knownPosts = [...(await sink.knownWordPressPosts())];
  const known = new Set(knownPosts.map((post) => post.slug));
  const knownSlugOf = new Map(
    knownPosts.flatMap((post) => (post.id === undefined ? [] : [[post.id, post.slug] as const])),
  );
  /** Every published post, small, once the full list has been read: what exists and what relates to what. */
  let published: Map<number, RelatedCandidate> | undefined;
  let storeCandidates: RelatedCandidate[] | undefined;
  /**
   * What related stories are picked from: the list of posts once read, else the stories the store has, read
   * the first time a post needs them (an idle sync stores none, so reads none).
   */
  const relatedPool = async (): Promise<Iterable<RelatedCandidate>> =>
    published ? published.values() : (storeCandidates ??= await sink.relatedCandidates());
  let publishedCount: number | undefined;

  // 1. What exists: the full list, or its count (then related stories are picked from what the store has).
  try {
    if (full) published = await readIndex();
    else {
      publishedCount = await client.publishedCount();
      if (publishedCount === undefined) published = await readIndex(); // no count (a proxy stripped it): the list
    }
  } catch (error) {
    return fail(error, 'reading the list of published posts');
  }

  // 2. Posts changed since the last sync, newest change first, a page at a time.
  const stored = new Set<string>();
  /** Slugs of the posts stored by this sync, by post id. */
  const storedIds = new Map<number, string>();
  const attempted = new Set<number>();
  /** Posts whose stories are new to the store: their older comments are outside the incremental window. */
  const added: number[] = [];
  const authorsDone = new Set<string>();
  try {
    const modifiedAfter = since ? isoMinus(since, MODIFIED_MARGIN_MS) : undefined;
    for await (const page of client.posts({ modifiedAfter })) {
      await storePage(page, (post) => !since || gmtToIso(post.modified_gmt) > since);
    }
  } catch (error) {
    return fail(error, 'reading changed posts');
  }

  // A count that is not what the store expects means a post was removed, or published without a new modified
  // date (a scheduled post going live): the full list of posts finds which.
  if (!published) {
    const expected = new Set([...knownSlugOf.keys(), ...attempted, ...(options.unstored ?? [])]);
    if (expected.size !== publishedCount) {
      log(`wordpress: ${publishedCount} posts published, ${expected.size} expected: reading the list of posts`);
      try {
        published = await readIndex();
      } catch (error) {
        return fail(error, 'reading the list of published posts');
      }
    }
  }

  // Published posts the store does not have: missed when paging shifted under an edit, refused before, or lost
  // by the store. Fetching them by id heals all three; on a healthy site the list is empty and costs nothing.
  if (published) {
    const missing = [...published]
      .filter(([id, { slug }]) => !attempted.has(id) && !known.has(slug) && !stored.has(slug))
      .map(([id]) => id);
    try {
      for await (const page of client.postsById(missing)) await storePage(page, () => true);
    } catch (error) {
      return fail(error, 'reading changed posts');
    }
  }

  /** Reads the list of every published post, small. */
  async function readIndex() {
    const index = new Map<number, RelatedCandidate>();
    for await (const page of client.postIndex()) {
      for (const raw of page) {
        const entry = check(WpPostIndexEntry, raw);
        if (!entry.ok) {
          log(`wordpress: post ${entry.id ?? '?'} left out of the index: ${entry.reason}`);
          continue;
        }
        const { id, date_gmt, modified_gmt, tags, categories } = entry.value;
        index.set(id, {
          slug: storySlug(entry.value),
          tags,
          categories,
          publishedAt: gmtToIso(date_gmt ?? modified_gmt),
        });
        later(gmtToIso(modified_gmt));
      }
    }
    return index;
  }

  /** Checks a page of posts, looks up the image sizes it needs in one request, and stores each post. */
  async function storePage(page: unknown[], wanted: (post: WpPost) => boolean) {
    const posts: WpPost[] = [];
    for (const raw of page) {
      const post = check(WpPost, raw);
      if (post.ok) attempted.add(post.value.id);
      else if (post.id !== undefined) attempted.add(post.id);
      if (!post.ok) {
        if (post.id === undefined) skip('post ?', post.reason);
        else await refuse(post.id, knownSlugOf.get(post.id), `post ${post.id}`, post.reason);
      } else if (wanted(post.value)) posts.push(post.value);
    }
    const mediaIds = mediaIdsNeeded(posts.map((post) => post.content.rendered));
    const mediaRecords: WpMediaRecord[] = [];
    if (mediaIds.length) {
      for (const raw of await client.media(mediaIds)) {
        const media = check(WpMedia, raw);
        if (media.ok) mediaRecords.push(media.value);
      }
    }
    const mediaSize = mediaSizeLookup(mediaRecords);
    for (const post of posts) await storePost(post, mediaSize, mediaRecords);
  }

  async function storePost(
    post: WpPost,
    mediaSize: ReturnType<typeof mediaSizeLookup>,
    mediaRecords: readonly WpMediaRecord[] = [],
  ) {
    const what = `post ${post.id} (${post.slug})`;
    if (post.content.protected) {
      return refuse(post.id, storySlug(post), what, 'password protected');
    }
    const records = embeddedRecords(post);
    if (!records.author) log(`wordpress: ${what}: author ${post.author} not readable, shown as "Staff"`);
    const self: RelatedCandidate = published?.get(post.id) ?? {
      slug: storySlug(post),
      tags: post.tags,
      categories: post.categories,
      publishedAt: gmtToIso(post.date_gmt ?? post.modified_gmt),
    };
    const related = pickRelated(self, await relatedPool());
    let mapped: ReturnType<typeof mapPost>;
    try {
      mapped = mapPost({
        post,
        author: records.author ?? unknownAuthor(post.author),
        terms: records.terms,
        featuredMedia: records.featuredMedia,
        related,
        mediaSize,
      });
    } catch (error) {
      // One post the converter refuses (too long) or fails on must not stop the others: it is named and skipped.
      return refuse(
        post.id,
        storySlug(post),
        what,
        `not converted: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const author = check(AuthorFile, mapped.author);
    const story = check(WordPressStory, mapped.story);
    if (!author.ok) return refuse(post.id, storySlug(post), what, `author: ${author.reason}`);
    // A story refused now keeps its last good version, if it had one: it is still published, so not withdrawn.
    if (!story.ok) return refuse(post.id, storySlug(post), what, story.reason);
    if (images) story.value = await images.story(story.value, mediaCopies([...mediaRecords, records.featuredMedia]));
    if (mapped.notes.length) log(`wordpress: ${what}: ${mapped.notes.join('; ')}`);
    if (!authorsDone.has(author.value.id)) {
      await sink.upsertAuthor(author.value);
      authorsDone.add(author.value.id);
    }
    let change: StoryChange;
    try {
      change = await sink.upsertStory(story.value, {
        wordpressId: post.id,
        categories: mapped.categories,
        tags: mapped.tags,
        categoryIds: post.categories,
        tagIds: post.tags,
      });
    } catch (error) {
      if (error instanceof SinkRefusal) return refuse(post.id, undefined, what, error.message);
      throw error;
    }
    report[change]++;
    if (change === 'added') added.push(post.id);
    stored.add(story.value.slug);
    storedIds.set(post.id, story.value.slug);
    later(gmtToIso(post.modified_gmt));
  }

  // 3. Stories whose posts are no longer published (unpublished, trashed, deleted) are withdrawn, and so is the
  // old slug of a post stored under a new one.
  const withdraw = async (slug: string, why: string) => {
    await sink.withdrawStory(slug);
    report.withdrawn++;
    log(`wordpress: story ${slug} withdrawn: ${why}`);
  };
  const live = published ? new Set([...published.values()].map((candidate) => candidate.slug)) : undefined;
  for (const { slug, id } of knownPosts) {
    if (stored.has(slug)) continue;
    if (live && !live.has(slug)) await withdraw(slug, 'its post is no longer published');
    else if (id !== undefined && storedIds.has(id)) await withdraw(slug, `its post ${id} has a new slug`);
  }

  // 4. Comments: every approved one on a full pass, else the new ones. On stories Byline has.
  const slugOfPost = (postId: number) => {
    const slug = storedIds.get(postId) ?? published?.get(postId)?.slug ?? knownSlugOf.get(postId);
    return slug && (stored.has(slug) || known.has(slug)) ? slug : undefined;
  };
  /** WordPress ids of every approved comment read (full passes): what is not among them is no longer shown there. */
  const approved = new Set<number>();
  const importPages = async (stream: AsyncGenerator<unknown[]>) => {
    for await (const page of stream) {
      const comments = [];
      for (const raw of page) {
        const comment = check(WpComment, raw);
        const id = comment.ok ? comment.value.id : comment.id;
        if (id !== undefined) approved.add(id);
        if (comment.ok) comments.push(comment.value);
        else skip(`comment ${comment.id ?? '?'}`, comment.reason);
      }
      const { rows, skipped } = mapComments(comments, slugOfPost);
      // Comments on posts Byline does not show are expected; others (empty, not approved) are worth a line.
      for (const { id, reason } of skipped)
        if (!reason.endsWith('is not a synced story')) skip(`comment ${id}`, reason);
      if (rows.length) report.commentsAdded += await sink.importComments(rows);
    }
  };
  try {
    if (full) {
      await importPages(client.comments());
      const removed = [...(await sink.shownWordPressComments())].filter((id) => !approved.has(id));
      if (removed.length) {
        await sink.hideComments(removed);
        report.commentsRemoved = removed.length;
        log(
          `wordpress: comments hidden, as WordPress no longer shows them: ${removed.slice(0, 10).join(', ')}${removed.length > 10 ? ` and ${removed.length - 10} more` : ''}`,
        );
      }
    } else {
      await importPages(
        client.comments({ after: isoMinus(since!, options.commentLookbackMs ?? DEFAULT_COMMENT_LOOKBACK_MS) }),
      );
      // A story added by an incremental sync (published late, or healed) brings all its comments, a hundred posts a request.
      for (let start = 0; start < added.length; start += 100) {
        await importPages(client.comments({ posts: added.slice(start, start + 100) }));
      }
    }
  } catch (error) {
    return fail(error, 'reading comments');
  }

  if (latest) report.nextSince = latest;
  report.unstored = unstoredAfter();
  await options.problems?.settle(new Set(storedIds.keys()), published && new Set(published.keys()));
  return done();

  /** Published posts the store does not have now, so the next sync's count check can expect them. */
  function unstoredAfter(): number[] {
    if (published)
      return [...published].filter(([, { slug }]) => !stored.has(slug) && !known.has(slug)).map(([id]) => id);
    const before = new Set([...(options.unstored ?? []), ...attempted]);
    return [...before].filter((id) => !storedIds.has(id) && !knownSlugOf.has(id));
  }

  function fail(error: unknown, during: string): SyncReport {
    const message = error instanceof Error ? error.message : String(error);
    log(`wordpress: sync stopped while ${during}: ${message}`);
    return { ...done(), failed: message };
  }
}
