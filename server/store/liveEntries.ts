import { chunks, KEYS_PER_STATEMENT } from './chunks';
import type { Insertable, Kysely } from 'kysely';
import type { KeyEvent, LiveEntry, LiveEntryInput, LivePage, LiveUpdates } from '../../src/schema';
import type { WriteResult } from './contentRules';
import type { Db } from './open';
import { parseStoredStory } from './storedStory';
import { approvedCount } from './stories';
import type { Tables } from './tables';

type Executor = Kysely<Tables>;

/** Changed rows an update answer sends at most; a page further behind reads its page again. */
export const MAX_UPDATE_ROWS = 50;

/** Moves the story's revision and returns it. The UPDATE holds the story's row (PostgreSQL) until commit, so two
 * writers never hand out the same revision, and a page that saw revision N has seen every row written at N. */
async function nextRev(trx: Executor, slug: string): Promise<number> {
  const row = await trx
    .updateTable('stories')
    .set((eb) => ({ live_rev: eb('live_rev', '+', 1) }))
    .where('slug', '=', slug)
    .returning('live_rev')
    .executeTakeFirstOrThrow();
  return row.live_rev;
}

const entryRow = (slug: string, entry: LiveEntry, rev: number): Insertable<Tables['live_entries']> => ({
  story_slug: slug,
  id: entry.id,
  rev,
  at: new Date(entry.at).toISOString(),
  removed: 0,
  pinned: entry.pinned ? 1 : 0,
  key_event: entry.keyEvent ? 1 : 0,
  doc: JSON.stringify(entry),
});

async function upsertRows(trx: Executor, rows: Insertable<Tables['live_entries']>[]) {
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto('live_entries')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['story_slug', 'id']).doUpdateSet((eb) => ({
          rev: eb.ref('excluded.rev'),
          at: eb.ref('excluded.at'),
          removed: eb.ref('excluded.removed'),
          pinned: eb.ref('excluded.pinned'),
          key_event: eb.ref('excluded.key_event'),
          doc: eb.ref('excluded.doc'),
        })),
      )
      .execute();
  }
}

/** Entry writes inside a content transaction (server/store/content.ts); each moves the story's revision once. */
export const liveEntryWrites = {
  /** Makes the story's entries exactly `entries` (a story file's list). True when anything changed. */
  async replace(trx: Executor, slug: string, entries: readonly LiveEntry[]): Promise<boolean> {
    const existing = await trx
      .selectFrom('live_entries')
      .select(['id', 'doc', 'removed'])
      .where('story_slug', '=', slug)
      .execute();
    const before = new Map(existing.map((row) => [row.id, row]));
    const changed = entries.filter((entry) => {
      const row = before.get(entry.id);
      return !row || row.removed !== 0 || row.doc !== JSON.stringify(entry);
    });
    const listed = new Set(entries.map((entry) => entry.id));
    const gone = existing.filter((row) => row.removed === 0 && !listed.has(row.id)).map((row) => row.id);
    if (changed.length === 0 && gone.length === 0) return false;
    const rev = await nextRev(trx, slug);
    await upsertRows(
      trx,
      changed.map((entry) => entryRow(slug, entry, rev)),
    );
    for (const ids of chunks(gone, KEYS_PER_STATEMENT)) {
      await trx
        .updateTable('live_entries')
        .set({ removed: 1, rev })
        .where('story_slug', '=', slug)
        .where('id', 'in', ids)
        .execute();
    }
    return true;
  },

  /** Adds or replaces one entry; without a time it keeps the one it had, or takes `now`. */
  async put(
    trx: Executor,
    slug: string,
    input: LiveEntryInput,
    now: Date,
  ): Promise<{ result: WriteResult; entry: LiveEntry }> {
    const row = await trx
      .selectFrom('live_entries')
      .select(['doc', 'removed'])
      .where('story_slug', '=', slug)
      .where('id', '=', input.id)
      .executeTakeFirst();
    const kept = row && row.removed === 0 ? (JSON.parse(row.doc) as LiveEntry) : undefined;
    const entry: LiveEntry = { ...input, at: input.at ?? kept?.at ?? now.toISOString() };
    if (kept && row!.doc === JSON.stringify(entry)) return { result: 'unchanged', entry };
    await upsertRows(trx, [entryRow(slug, entry, await nextRev(trx, slug))]);
    return { result: kept ? 'updated' : 'created', entry };
  },

  /** Takes an entry down; false when the story has no such entry. */
  async remove(trx: Executor, slug: string, id: string): Promise<boolean> {
    const row = await trx
      .selectFrom('live_entries')
      .select('removed')
      .where('story_slug', '=', slug)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.removed !== 0) return false;
    const rev = await nextRev(trx, slug);
    await trx
      .updateTable('live_entries')
      .set({ removed: 1, rev })
      .where('story_slug', '=', slug)
      .where('id', '=', id)
      .execute();
    return true;
  },

  /** Whether an entry is shown now: an API POST adds only a new one. */
  async exists(trx: Executor, slug: string, id: string): Promise<boolean> {
    const row = await trx
      .selectFrom('live_entries')
      .select('id')
      .where('story_slug', '=', slug)
      .where('id', '=', id)
      .where('removed', '=', 0)
      .executeTakeFirst();
    return row !== undefined;
  },
};

/** What readers' pages read of live stories: a page of entries, and what changed after a revision. */
export function liveReads(db: Db) {
  const storyRow = (slug: string) =>
    db
      .selectFrom('stories as s')
      .select(['s.doc', 's.live_rev', approvedCount.as('comment_count')])
      .where('s.slug', '=', slug)
      .where('s.withdrawn', '=', 0)
      .executeTakeFirst();

  const docs = async (slug: string, ids: readonly string[]): Promise<Map<string, LiveEntry>> => {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('live_entries')
      .select(['id', 'doc'])
      .where('story_slug', '=', slug)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, JSON.parse(row.doc) as LiveEntry]));
  };

  return {
    /**
     * Page `page` (from 1) of a live story's entries, newest first, with its pinned entry and its key events.
     * Undefined when no live story is published at `slug` or the page is past the last.
     */
    async page(slug: string, page: number, perPage: number): Promise<Omit<LivePage, 'pollSeconds'> | undefined> {
      const story = await storyRow(slug);
      const live = story && parseStoredStory(story.doc).story.live;
      if (!story || !live) return undefined;
      // The order of every shown entry, read from the index alone: paging, the pinned entry and the key events'
      // pages come from it, and only the documents shown are read.
      const order = await db
        .selectFrom('live_entries')
        .select(['id', 'pinned', 'key_event'])
        .where('story_slug', '=', slug)
        .where('removed', '=', 0)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      const pageCount = Math.max(1, Math.ceil(order.length / perPage));
      if (page > pageCount) return undefined;
      const shown = order.slice((page - 1) * perPage, page * perPage).map((row) => row.id);
      const pinnedId = order.find((row) => row.pinned !== 0)?.id;
      const keyRows = order.flatMap((row, index) =>
        row.key_event !== 0 ? [{ id: row.id, page: Math.floor(index / perPage) + 1 }] : [],
      );
      const found = await docs(slug, [...shown, ...(pinnedId ? [pinnedId] : []), ...keyRows.map((row) => row.id)]);
      const keyEvents: KeyEvent[] = keyRows.flatMap(({ id, page: onPage }) => {
        const entry = found.get(id);
        return entry ? [{ id, at: entry.at, ...(entry.title ? { title: entry.title } : {}), page: onPage }] : [];
      });
      return {
        live,
        rev: story.live_rev,
        pinned: (pinnedId && found.get(pinnedId)) || null,
        keyEvents,
        entries: shown.flatMap((id) => found.get(id) ?? []),
        page,
        pageCount,
      };
    },

    /**
     * What changed after revision `since`: for any published story (an ordinary one has no entries, only its
     * approved comment count). Undefined when no story is published at `slug`.
     */
    async updates(slug: string, since: number): Promise<Omit<LiveUpdates, 'pollSeconds'> | undefined> {
      const story = await storyRow(slug);
      if (!story) return undefined;
      const live = parseStoredStory(story.doc).story.live ?? null;
      const answer: Omit<LiveUpdates, 'pollSeconds'> = {
        rev: story.live_rev,
        live,
        changed: [],
        removed: [],
        commentCount: story.comment_count,
      };
      if (since === story.live_rev) return answer;
      // A revision this story never had (the database was restored from a backup): the page starts again.
      if (since > story.live_rev) return { ...answer, reload: true };
      const rows = await db
        .selectFrom('live_entries')
        .select(['id', 'removed', 'doc'])
        .where('story_slug', '=', slug)
        .where('rev', '>', since)
        .where('rev', '<=', story.live_rev)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(MAX_UPDATE_ROWS + 1)
        .execute();
      if (rows.length > MAX_UPDATE_ROWS) return { ...answer, reload: true };
      for (const row of rows) {
        if (row.removed !== 0) answer.removed.push(row.id);
        else answer.changed.push(JSON.parse(row.doc) as LiveEntry);
      }
      return answer;
    },
  };
}

export type LiveReads = ReturnType<typeof liveReads>;
