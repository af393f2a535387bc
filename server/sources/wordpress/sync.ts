import { AuthorFile, StoryFile } from '../../../src/schema/content';
import type { WordPressClient } from './client';
import { mapComments, type WordPressCommentRow } from './comments';
import { embeddedRecords } from './embedded';
import { gmtToIso, mapPost, storySlug, unknownAuthor } from './map';
import { mediaIdsNeeded, mediaSizeLookup } from './mediaSizes';
import { pickRelated, type RelatedCandidate } from './related';
import { check, WpComment, WpMedia, WpPost, WpPostIndexEntry, type WpMedia as WpMediaRecord } from './schema';

/** What Byline keeps about a story's WordPress origin beside the story itself. */
export interface WordPressStoryMeta {
  wordpressId: number;
  /** Category and tag names: the story schema has no place for them yet. */
  categories: string[];
  tags: string[];
}

/**
 * Where a sync puts what it read: the store, through whatever methods the store has. Every method may be
 * async. A story reaches upsertStory only once it has passed StoryFile, and its author has been upserted first.
 */
export interface WordPressSink {
  /** Slugs of the stories this source stored before and has not withdrawn (to find deleted posts). */
  knownWordPressSlugs(): Promise<Iterable<string>> | Iterable<string>;
  upsertAuthor(author: AuthorFile): Promise<void> | void;
  /** Inserts or replaces the story (and un-withdraws it); says which, or that nothing changed. */
  upsertStory(story: StoryFile, meta: WordPressStoryMeta): Promise<StoryChange> | StoryChange;
  /** Hides a story whose post is no longer published; its comments stay for when it returns. */
  withdrawStory(slug: string): Promise<void> | void;
  /** Adds the comments not stored yet (by wordpressId) and returns how many were new. */
  importComments(rows: WordPressCommentRow[]): Promise<number> | number;
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
   * converted again; a full pass over published post ids runs every time.
   */
  since?: string;
  /**
   * How far before `since` to look for comments. WordPress filters comments by their date, not by when they were
   * approved, so one approved a day after it was written would otherwise be missed. Default two days.
   */
  commentLookbackMs?: number;
}

export interface SyncReport {
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Posts (and comments) refused: each has had its log line. */
  skipped: number;
  commentsAdded: number;
  /** Requests made to WordPress by this sync, retries included. */
  requests: number;
  /** Pass as `since` next time. Missing when the sync failed: the next one then covers this one's period again. */
  nextSince?: string;
  /** Why the sync stopped early. Nothing is withdrawn after a failure; what was stored before it stays. */
  failed?: string;
}

/** WordPress compares modified_after with the site's local time: a margin covers any time zone. */
const MODIFIED_MARGIN_MS = 15 * 60 * 60 * 1000;
const DEFAULT_COMMENT_LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;

const isoMinus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One sync of a WordPress site into the sink: the full pass over published posts (for deletions and related
 * stories), then the posts changed since the last sync, page by page, each converted, validated and stored or
 * skipped on its own, then withdrawals, then new comments. Memory holds one page of posts and a small record
 * per published post, whatever the size of the site.
 */
export async function syncWordPress({ client, sink, log, since, commentLookbackMs }: SyncOptions): Promise<SyncReport> {
  const firstRequest = client.requests;
  const report: SyncReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    skipped: 0,
    commentsAdded: 0,
    requests: 0,
  };
  const done = () => ({ ...report, requests: client.requests - firstRequest });
  const skip = (what: string, reason: string) => {
    report.skipped++;
    log(`wordpress: ${what} skipped: ${reason}`);
  };

  // 1. Every published post, small: what exists (for withdrawals) and what relates to what.
  const published = new Map<number, RelatedCandidate>();
  let latest = since;
  const later = (iso: string) => {
    if (!latest || iso > latest) latest = iso;
  };
  try {
    for await (const page of client.postIndex()) {
      for (const raw of page) {
        const entry = check(WpPostIndexEntry, raw);
        if (!entry.ok) {
          log(`wordpress: post ${entry.id ?? '?'} left out of the index: ${entry.reason}`);
          continue;
        }
        const { id, date_gmt, modified_gmt, tags, categories } = entry.value;
        published.set(id, {
          slug: storySlug(entry.value),
          tags,
          categories,
          publishedAt: gmtToIso(date_gmt ?? modified_gmt),
        });
        later(gmtToIso(modified_gmt));
      }
    }
  } catch (error) {
    return fail(error, 'reading the list of published posts');
  }
  const candidates = [...published.values()];

  // 2. Posts changed since the last sync, newest change first, a page at a time.
  const known = new Set(await sink.knownWordPressSlugs());
  const stored = new Set<string>();
  const attempted = new Set<number>();
  /** Posts whose stories are new to the store: their older comments are outside the incremental window. */
  const added: number[] = [];
  const authorsDone = new Set<string>();
  try {
    const modifiedAfter = since ? isoMinus(since, MODIFIED_MARGIN_MS) : undefined;
    for await (const page of client.posts({ modifiedAfter })) {
      await storePage(page, (post) => !since || gmtToIso(post.modified_gmt) > since);
    }
    // Published posts the store does not have: missed when paging shifted under an edit, refused before, or lost
    // by the store. Fetching them by id heals all three; on a healthy site the list is empty and costs nothing.
    const missing = [...published]
      .filter(([id, { slug }]) => !attempted.has(id) && !known.has(slug) && !stored.has(slug))
      .map(([id]) => id);
    for await (const page of client.postsById(missing)) await storePage(page, () => true);
  } catch (error) {
    return fail(error, 'reading changed posts');
  }

  /** Checks a page of posts, looks up the image sizes it needs in one request, and stores each post. */
  async function storePage(page: unknown[], wanted: (post: WpPost) => boolean) {
    const posts: WpPost[] = [];
    for (const raw of page) {
      const post = check(WpPost, raw);
      if (post.ok) attempted.add(post.value.id);
      else if (post.id !== undefined) attempted.add(post.id);
      if (!post.ok) skip(`post ${post.id ?? '?'}`, post.reason);
      else if (wanted(post.value)) posts.push(post.value);
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
    for (const post of posts) await storePost(post, mediaSize);
  }

  async function storePost(post: WpPost, mediaSize: ReturnType<typeof mediaSizeLookup>) {
    const what = `post ${post.id} (${post.slug})`;
    if (post.content.protected) {
      skip(what, 'password protected');
      return;
    }
    const records = embeddedRecords(post);
    if (!records.author) log(`wordpress: ${what}: author ${post.author} not readable, shown as "Staff"`);
    const self: RelatedCandidate = published.get(post.id) ?? {
      slug: storySlug(post),
      tags: post.tags,
      categories: post.categories,
      publishedAt: gmtToIso(post.date_gmt ?? post.modified_gmt),
    };
    const mapped = mapPost({
      post,
      author: records.author ?? unknownAuthor(post.author),
      terms: records.terms,
      featuredMedia: records.featuredMedia,
      related: pickRelated(self, candidates),
      mediaSize,
    });
    const author = check(AuthorFile, mapped.author);
    const story = check(StoryFile, mapped.story);
    if (!author.ok) return skip(what, `author: ${author.reason}`);
    // A story refused now keeps its last good version, if it had one: it is still published, so not withdrawn.
    if (!story.ok) return skip(what, story.reason);
    if (mapped.notes.length) log(`wordpress: ${what}: ${mapped.notes.join('; ')}`);
    if (!authorsDone.has(author.value.id)) {
      await sink.upsertAuthor(author.value);
      authorsDone.add(author.value.id);
    }
    let change: StoryChange;
    try {
      change = await sink.upsertStory(story.value, { wordpressId: post.id, categories: mapped.categories, tags: mapped.tags });
    } catch (error) {
      if (error instanceof SinkRefusal) return skip(what, error.message);
      throw error;
    }
    report[change]++;
    if (change === 'added') added.push(post.id);
    stored.add(story.value.slug);
    later(gmtToIso(post.modified_gmt));
  }

  // 3. Stories whose posts are no longer published (unpublished, trashed, deleted, or renamed) are withdrawn.
  const live = new Set(candidates.map((candidate) => candidate.slug));
  for (const slug of known) {
    if (live.has(slug) || stored.has(slug)) continue;
    await sink.withdrawStory(slug);
    report.withdrawn++;
    log(`wordpress: story ${slug} withdrawn: its post is no longer published`);
  }

  // 4. New approved comments, on stories Byline has.
  const slugOfPost = (postId: number) => {
    const slug = published.get(postId)?.slug;
    return slug && (stored.has(slug) || known.has(slug)) ? slug : undefined;
  };
  const importPages = async (stream: AsyncGenerator<unknown[]>) => {
    for await (const page of stream) {
      const comments = [];
      for (const raw of page) {
        const comment = check(WpComment, raw);
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
    if (!since) await importPages(client.comments());
    else {
      await importPages(client.comments({ after: isoMinus(since, commentLookbackMs ?? DEFAULT_COMMENT_LOOKBACK_MS) }));
      // A story added by an incremental sync (published late, or healed) brings all its comments, a hundred posts a request.
      for (let start = 0; start < added.length; start += 100) {
        await importPages(client.comments({ posts: added.slice(start, start + 100) }));
      }
    }
  } catch (error) {
    return fail(error, 'reading comments');
  }

  if (latest) report.nextSince = latest;
  return done();

  function fail(error: unknown, during: string): SyncReport {
    const message = error instanceof Error ? error.message : String(error);
    log(`wordpress: sync stopped while ${during}: ${message}`);
    return { ...done(), failed: message };
  }
}
