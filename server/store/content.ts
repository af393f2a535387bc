import type { Insertable, Kysely } from 'kysely';
import { type AuthorFile, type LiveEntry, type LiveEntryInput, type StoryFile } from '../../src/schema';
import type { Changes } from '../changes';
import { changeKey, type ChangeKey } from '../changes';
import { contentHash, textHash } from '../content';
import { storyImageOrigins } from '../content';
import {
  ContentConflict,
  ContentInvalid,
  type SyncBatch,
  type SyncReport,
  type WriteBatch,
  type WriteResult,
} from './contentRules';
import { chunks, KEYS_PER_STATEMENT } from './chunks';
import { linkedFrom, storyKeys } from './contentKeys';
import { sourceSyncReads } from './contentSync';
import { liveEntryWrites } from './liveEntries';
import { liveStories } from './liveStories';
import { pageWrites } from './pages';
import { searchDocument, type SearchDocument } from '../content';
import type { SearchIndex } from './search';
import { putTags, tagKeysOf } from './tags';
import type { Db } from './open';
import { parseStoredAuthor, parseStoredStory, storedAuthor, storedStory } from './storedStory';
import type { ContentSource, Tables } from './tables';

interface ExistingStory {
  slug: string;
  content_hash: string;
  file_hash: string | null;
  withdrawn: number;
  source: ContentSource;
  author_id: string;
  section: string;
}

type Executor = Kysely<Tables>;

const STORY_COLUMNS = ['slug', 'content_hash', 'file_hash', 'withdrawn', 'source', 'author_id', 'section'] as const;

/**
 * The entries a story write sets: a file's are the whole list (none when it has none); the API's replace the
 * list only when sent, since the API also adds them one by one.
 */
const entriesOf = (source: ContentSource, story: StoryFile): readonly LiveEntry[] | undefined =>
  story.entries ?? (source === 'api' ? undefined : []);

/** A story's hash covers the entries it sets, so a file whose entries alone changed is written again. */
const storyHash = (doc: string, entries: readonly LiveEntry[] | undefined) =>
  entries === undefined || entries.length === 0 ? textHash(doc) : textHash(`${doc}\n${JSON.stringify(entries)}`);

/**
 * The one place stories and authors are written: content files, the publishing API and WordPress all publish
 * through it. Each write tells the change bus every key it touched, once it has committed.
 */
export function contentWrites(db: Db, changes: Pick<Changes, 'publish'>, search: SearchIndex) {
  async function existingStories(trx: Executor, slugs?: readonly string[]): Promise<Map<string, ExistingStory>> {
    const rows: ExistingStory[] = [];
    if (slugs) {
      for (const part of chunks(slugs, KEYS_PER_STATEMENT)) {
        rows.push(...(await trx.selectFrom('stories').select(STORY_COLUMNS).where('slug', 'in', part).execute()));
      }
    } else {
      rows.push(...(await trx.selectFrom('stories').select(STORY_COLUMNS).execute()));
    }
    return new Map(rows.map((row) => [row.slug, row]));
  }

  async function authorNames(trx: Executor, ids?: readonly string[]): Promise<Map<string, string>> {
    let query = trx.selectFrom('authors').select(['id', 'doc']);
    if (ids) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
    const rows = await query.execute();
    return new Map(rows.map((row) => [row.id, parseStoredAuthor(row.doc).name]));
  }

  /** A renamed author's name is in every summary of their stories: those are rewritten with it. */
  async function renameInStories(trx: Executor, authorId: string, name: string, keys: Set<ChangeKey>) {
    const rows = await trx
      .selectFrom('stories')
      .select(['slug', 'doc', 'section', 'author_id', 'withdrawn'])
      .where('author_id', '=', authorId)
      .execute();
    for (const row of rows) {
      const stored = parseStoredStory(row.doc);
      stored.summary.author = { id: authorId, name };
      const doc = JSON.stringify(stored);
      await trx
        .updateTable('stories')
        .set({ doc, content_hash: textHash(doc) })
        .where('slug', '=', row.slug)
        .execute();
      if (row.withdrawn === 0) storyKeys(keys, row);
    }
    // The author's name is searched too: their live stories are indexed again under the new one.
    await search.put(
      trx,
      rows.filter((row) => row.withdrawn === 0).map((row) => searchDocument(parseStoredStory(row.doc).story, name)),
    );
    await linkedFrom(
      trx,
      rows.filter((row) => row.withdrawn === 0).map((row) => row.slug),
      keys,
    );
  }

  async function writeAuthors(
    trx: Executor,
    source: ContentSource,
    authors: readonly AuthorFile[],
    keys: Set<ChangeKey>,
  ) {
    const results: (WriteResult | ContentConflict)[] = [];
    const existing = new Map(
      (
        await trx
          .selectFrom('authors')
          .select(['id', 'doc', 'content_hash', 'source'])
          .where('id', 'in', authors.length > 0 ? authors.map((author) => author.id) : [''])
          .execute()
      ).map((row) => [row.id, row]),
    );
    for (const file of authors) {
      const before = existing.get(file.id);
      if (before && before.source !== source) {
        results.push(new ContentConflict('author', file.id, before.source));
        continue;
      }
      const doc = storedAuthor(file);
      const digest = contentHash(doc);
      if (before?.content_hash === digest) {
        results.push('unchanged');
        continue;
      }
      await trx
        .insertInto('authors')
        .values({ id: doc.id, doc: JSON.stringify(doc), content_hash: digest, source })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            doc: eb.ref('excluded.doc'),
            content_hash: eb.ref('excluded.content_hash'),
          })),
        )
        .execute();
      keys.add(changeKey.author(doc.id));
      if (before && parseStoredAuthor(before.doc).name !== doc.name) {
        await renameInStories(trx, doc.id, doc.name, keys);
      }
      results.push(before ? 'updated' : 'created');
    }
    return results;
  }

  async function writeStories(
    trx: Executor,
    source: ContentSource,
    stories: readonly StoryFile[],
    names: Map<string, string>,
    existing: Map<string, ExistingStory>,
    keys: Set<ChangeKey>,
    fileHashes?: ReadonlyMap<string, string>,
  ) {
    const results: (WriteResult | ContentConflict)[] = [];
    const rows: Insertable<Tables['stories']>[] = [];
    const changed: StoryFile[] = [];
    const searched: SearchDocument[] = [];
    for (const story of stories) {
      const before = existing.get(story.slug);
      if (before && before.withdrawn === 0 && before.source !== source) {
        results.push(new ContentConflict('story', story.slug, before.source));
        continue;
      }
      const stored = storedStory(story, { id: story.authorId, name: names.get(story.authorId)! });
      const doc = JSON.stringify(stored);
      const digest = storyHash(doc, entriesOf(source, story));
      const fileHash = fileHashes?.get(story.slug) ?? null;
      // Entries the API added one by one are not in the hash: a story sent with its entries is always compared.
      const entriesSentToApi = source === 'api' && story.entries !== undefined;
      if (before && before.withdrawn === 0 && before.content_hash === digest && !entriesSentToApi) {
        // Same story from a file that differs only in form (spacing, key order): remember the file, tell nobody.
        if (before.file_hash !== fileHash) {
          await trx.updateTable('stories').set({ file_hash: fileHash }).where('slug', '=', story.slug).execute();
        }
        results.push('unchanged');
        continue;
      }
      results.push(before && before.withdrawn === 0 ? 'updated' : 'created');
      rows.push({
        slug: story.slug,
        author_id: story.authorId,
        section: story.section,
        published_at: new Date(story.publishedAt).toISOString(),
        reading_minutes: stored.summary.readingMinutes,
        doc,
        content_hash: digest,
        withdrawn: 0,
        source,
        file_hash: fileHash,
        image_origins: JSON.stringify(storyImageOrigins(story)),
      });
      changed.push(story);
      searched.push(searchDocument(stored.story, stored.summary.author.name));
      if (before && before.withdrawn === 0) storyKeys(keys, before);
      storyKeys(keys, { slug: story.slug, section: story.section, author_id: story.authorId });
    }
    for (const part of chunks(rows)) {
      await trx
        .insertInto('stories')
        .values(part)
        .onConflict((oc) =>
          oc.column('slug').doUpdateSet((eb) => ({
            author_id: eb.ref('excluded.author_id'),
            section: eb.ref('excluded.section'),
            published_at: eb.ref('excluded.published_at'),
            reading_minutes: eb.ref('excluded.reading_minutes'),
            doc: eb.ref('excluded.doc'),
            content_hash: eb.ref('excluded.content_hash'),
            withdrawn: eb.ref('excluded.withdrawn'),
            source: eb.ref('excluded.source'),
            file_hash: eb.ref('excluded.file_hash'),
            image_origins: eb.ref('excluded.image_origins'),
          })),
        )
        .execute();
    }
    // In the same transaction as the rows: a story is in the results exactly when it is published.
    await search.put(trx, searched);
    await putTags(trx, changed, keys);
    for (const story of changed) {
      const entries = entriesOf(source, story);
      if (entries) await liveEntryWrites.replace(trx, story.slug, entries);
    }
    for (const part of chunks(changed)) {
      await trx
        .deleteFrom('story_links')
        .where(
          'from_slug',
          'in',
          part.map((story) => story.slug),
        )
        .execute();
      const links = part.flatMap((story) => story.related.map((to) => ({ from_slug: story.slug, to_slug: to })));
      for (const linkPart of chunks(links, 400)) await trx.insertInto('story_links').values(linkPart).execute();
    }
    await linkedFrom(
      trx,
      changed.map((story) => story.slug),
      keys,
    );
    return results;
  }

  async function withdraw(trx: Executor, stories: readonly ExistingStory[], keys: Set<ChangeKey>) {
    for (const part of chunks(stories)) {
      await trx
        .updateTable('stories')
        .set({ withdrawn: 1 })
        .where(
          'slug',
          'in',
          part.map((story) => story.slug),
        )
        .execute();
    }
    await search.remove(
      trx,
      stories.map((story) => story.slug),
    );
    // The rows stay, as the links do, for the story's return; its tags' lists lose it now.
    await tagKeysOf(
      trx,
      stories.map((story) => story.slug),
      keys,
    );
    for (const story of stories) storyKeys(keys, story);
    await linkedFrom(
      trx,
      stories.map((story) => story.slug),
      keys,
    );
  }

  /** Runs `work` in one transaction and tells the change bus what it touched once that has committed. */
  async function writing<T>(work: (trx: Executor, keys: Set<ChangeKey>) => Promise<T>): Promise<T> {
    const keys = new Set<ChangeKey>();
    const result = await db.transaction().execute((trx) => work(trx, keys));
    changes.publish([...keys]);
    return result;
  }

  /** Writes authors, then stories: the shared step of a whole sync and of one chunk of it. */
  async function writeBatch(
    trx: Executor,
    source: ContentSource,
    batch: WriteBatch,
    keys: Set<ChangeKey>,
    all = false,
  ) {
    const report: SyncReport = { added: 0, updated: 0, unchanged: 0, withdrawn: 0, conflicts: [] };
    for (const result of await writeAuthors(trx, source, batch.authors, keys)) {
      if (result instanceof ContentConflict) report.conflicts.push(result);
    }
    const names = await authorNames(trx);
    const stories = batch.stories.filter((story) => names.has(story.authorId));
    const existing = await existingStories(trx, all ? undefined : stories.map((story) => story.slug));
    for (const result of await writeStories(trx, source, stories, names, existing, keys, batch.fileHashes)) {
      if (result instanceof ContentConflict) report.conflicts.push(result);
      else if (result === 'created') report.added++;
      else if (result === 'updated') report.updated++;
      else report.unchanged++;
    }
    return { report, existing, stories };
  }

  async function withdrawMissing(
    trx: Executor,
    source: ContentSource,
    present: ReadonlySet<string>,
    keys: Set<ChangeKey>,
  ) {
    // Slugs only: in a large archive nearly all are present, and only the missing ones need their rows.
    const live = await liveStories(trx).select('slug').where('source', '=', source).execute();
    const missing = live.filter((story) => !present.has(story.slug)).map((story) => story.slug);
    const gone = [...(await existingStories(trx, missing)).values()];
    await withdraw(trx, gone, keys);
    return gone.length;
  }

  /**
   * The live story at `slug` that `source` may change: undefined when none is published there; throws
   * ContentConflict when another source owns it, ContentInvalid when it is not covered live.
   */
  async function liveStoryOf(trx: Executor, source: ContentSource, slug: string) {
    const story = (await existingStories(trx, [slug])).get(slug);
    if (!story || story.withdrawn !== 0) return undefined;
    if (story.source !== source) throw new ContentConflict('story', slug, story.source);
    const row = await trx.selectFrom('stories').select('doc').where('slug', '=', slug).executeTakeFirstOrThrow();
    const stored = parseStoredStory(row.doc);
    if (!stored.story.live) {
      throw new ContentInvalid({ live: `The story "${slug}" is not covered live: publish it with "live" first` });
    }
    return { story, stored };
  }

  const settle = <T>(result: T | ContentConflict): T => {
    if (result instanceof ContentConflict) throw result;
    return result;
  };

  return {
    /** Creates or updates an author. Throws ContentConflict when another source owns the id. */
    upsertAuthor: (source: ContentSource, author: AuthorFile): Promise<WriteResult> =>
      writing(async (trx, keys) => settle((await writeAuthors(trx, source, [author], keys))[0]!)),

    /**
     * Creates or updates a story, built with its author's current name. Throws ContentInvalid when the author or
     * a related story does not exist, ContentConflict when another source has this slug live.
     */
    upsertStory: (source: ContentSource, story: StoryFile): Promise<WriteResult> =>
      writing(async (trx, keys) => {
        const faults: Record<string, string> = {};
        const names = await authorNames(trx, [story.authorId]);
        if (!names.has(story.authorId)) faults.authorId = `Unknown author "${story.authorId}"`;
        const live = new Set(
          story.related.length === 0
            ? []
            : (
                await trx
                  .selectFrom('stories')
                  .select('slug')
                  .where('slug', 'in', story.related)
                  .where('withdrawn', '=', 0)
                  .execute()
              ).map((row) => row.slug),
        );
        story.related.forEach((slug, index) => {
          if (slug === story.slug) faults[`related[${index}]`] = 'A story cannot be related to itself';
          else if (!live.has(slug)) faults[`related[${index}]`] = `Unknown story "${slug}"`;
        });
        if (Object.keys(faults).length > 0) throw new ContentInvalid(faults);
        const existing = await existingStories(trx, [story.slug]);
        return settle((await writeStories(trx, source, [story], names, existing, keys))[0]!);
      }),

    /**
     * Withdraws a live story of this source (readers get 404; its comments stay for its return). False when no
     * story is live at that slug; throws ContentConflict when another source's story is.
     */
    withdrawStory: (source: ContentSource, slug: string): Promise<boolean> =>
      writing(async (trx, keys) => {
        const story = (await existingStories(trx, [slug])).get(slug);
        if (!story || story.withdrawn !== 0) return false;
        if (story.source !== source) throw new ContentConflict('story', slug, story.source);
        await withdraw(trx, [story], keys);
        return true;
      }),

    /**
     * Adds or replaces an entry of a live story (`mode` 'create': only a new one, else 'exists'). Undefined when
     * no story is published at `slug`; throws as liveStoryOf does.
     */
    putEntry: (
      source: ContentSource,
      slug: string,
      entry: LiveEntryInput,
      mode: 'create' | 'put' = 'put',
      now = new Date(),
    ): Promise<{ result: WriteResult; entry: LiveEntry } | 'exists' | undefined> =>
      writing(async (trx, keys) => {
        const found = await liveStoryOf(trx, source, slug);
        if (!found) return undefined;
        if (mode === 'create' && (await liveEntryWrites.exists(trx, slug, entry.id))) return 'exists';
        const written = await liveEntryWrites.put(trx, slug, entry, now);
        if (written.result !== 'unchanged') keys.add(changeKey.story(slug));
        return written;
      }),

    /** Takes an entry of a live story down: false when there is no such entry (or story). */
    removeEntry: (source: ContentSource, slug: string, id: string): Promise<boolean> =>
      writing(async (trx, keys) => {
        if (!(await liveStoryOf(trx, source, slug))) return false;
        const removed = await liveEntryWrites.remove(trx, slug, id);
        if (removed) keys.add(changeKey.story(slug));
        return removed;
      }),

    /** Ends a live story's coverage at `at` (readers' pages stop asking for updates). Undefined when no story. */
    endLive: (source: ContentSource, slug: string, at = new Date()): Promise<WriteResult | undefined> =>
      writing(async (trx, keys) => {
        const found = await liveStoryOf(trx, source, slug);
        if (!found) return undefined;
        const { stored, story } = found;
        if (stored.story.live!.status === 'ended') return 'unchanged';
        stored.story.live = { ...stored.story.live!, status: 'ended', endedAt: at.toISOString() };
        const doc = JSON.stringify(stored);
        await trx
          .updateTable('stories')
          .set({ doc, content_hash: textHash(doc) })
          .where('slug', '=', slug)
          .execute();
        storyKeys(keys, story);
        return 'updated';
      }),

    /**
     * Makes this source's stories and authors match `batch`, in one transaction: everything in it is written
     * (unchanged ones skipped by their hash), and this source's live stories missing from it are withdrawn.
     * Running it twice changes nothing.
     */
    syncSource: (source: ContentSource, batch: SyncBatch): Promise<SyncReport> =>
      writing(async (trx, keys) => {
        const { report, stories } = await writeBatch(trx, source, batch, keys);
        report.withdrawn = await withdrawMissing(
          trx,
          source,
          new Set([...stories.map((story) => story.slug), ...batch.keep]),
          keys,
        );
        return report;
      }),

    /**
     * One part of a large sync, in its own transaction (withdrawn counts nothing): a source with 100,000 stories
     * sends them in parts so that neither the process nor one transaction holds them all at once.
     */
    writeBatch: (source: ContentSource, batch: WriteBatch): Promise<SyncReport> =>
      writing(async (trx, keys) => (await writeBatch(trx, source, batch, keys)).report),

    /** Withdraws this source's live stories that are not in `present`: the end of a sync sent in parts. */
    withdrawMissing: (source: ContentSource, present: ReadonlySet<string>): Promise<number> =>
      writing((trx, keys) => withdrawMissing(trx, source, present, keys)),

    ...sourceSyncReads(db),
    ...pageWrites(writing),
  };
}

export type ContentWrites = ReturnType<typeof contentWrites>;
