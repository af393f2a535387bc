import type { Kysely } from 'kysely';
import type { Page, PageFile } from '../../src/schema';
import { changeKey, type ChangeKey } from '../changes';
import { contentHash } from '../content';
import { ContentConflict, type ContentSource, type SyncReport, type WriteResult } from './contentRules';
import type { Db } from './open';
import type { Tables } from './tables';

type Executor = Kysely<Tables>;

/** content.ts's transaction runner: the work's keys are published once it has committed. */
export type Writing = <T>(work: (trx: Executor, keys: Set<ChangeKey>) => Promise<T>) => Promise<T>;

/** A page in a list (the sitemap, the editors' view): no body. */
export interface PageEntry {
  slug: string;
  title: string;
  updatedAt: string;
}

interface ExistingPage {
  slug: string;
  content_hash: string;
  withdrawn: number;
  source: ContentSource;
}

const storedPage = (file: PageFile): Page => {
  const { $schema: _ignored, ...page } = file;
  return page;
};

/** Only this store writes `doc`, always from a validated page: trusted on the way out, like a story's. */
const parseStoredPage = (doc: string) => JSON.parse(doc) as Page;

export function pageReads(db: Db) {
  return {
    /** The live page at `slug`, or undefined. */
    async get(slug: string): Promise<Page | undefined> {
      const row = await db
        .selectFrom('pages')
        .select('doc')
        .where('slug', '=', slug)
        .where('withdrawn', '=', 0)
        .executeTakeFirst();
      return row ? parseStoredPage(row.doc) : undefined;
    },
    /** Every live page, by slug. */
    async list(): Promise<PageEntry[]> {
      const rows = await db
        .selectFrom('pages')
        .select(['slug', 'doc', 'updated_at'])
        .where('withdrawn', '=', 0)
        .orderBy('slug')
        .execute();
      return rows.map((row) => ({ slug: row.slug, title: parseStoredPage(row.doc).title, updatedAt: row.updated_at }));
    },
  };
}

const pageKeys = (keys: Set<ChangeKey>, slug: string) => {
  keys.add(changeKey.page(slug));
  keys.add(changeKey.pages);
};

/** Page writes, inside the one write path (content.ts): the same ownership rule as stories, the same bus. */
export function pageWrites(writing: Writing) {
  async function existing(trx: Executor, slugs?: readonly string[]) {
    let query = trx.selectFrom('pages').select(['slug', 'content_hash', 'withdrawn', 'source']);
    if (slugs) query = query.where('slug', 'in', slugs.length > 0 ? [...slugs] : ['']);
    return new Map((await query.execute()).map((row): [string, ExistingPage] => [row.slug, row]));
  }

  async function write(
    trx: Executor,
    source: ContentSource,
    file: PageFile,
    before: ExistingPage | undefined,
    keys: Set<ChangeKey>,
  ): Promise<WriteResult | ContentConflict> {
    const live = before !== undefined && before.withdrawn === 0;
    if (live && before.source !== source) return new ContentConflict('page', file.slug, before.source);
    const page = storedPage(file);
    const digest = contentHash(page);
    if (live && before.content_hash === digest) return 'unchanged';
    const row = {
      slug: page.slug,
      doc: JSON.stringify(page),
      content_hash: digest,
      updated_at: new Date(page.updatedAt).toISOString(),
      withdrawn: 0,
      source,
    };
    await trx
      .insertInto('pages')
      .values(row)
      .onConflict((oc) =>
        oc.column('slug').doUpdateSet((eb) => ({
          doc: eb.ref('excluded.doc'),
          content_hash: eb.ref('excluded.content_hash'),
          updated_at: eb.ref('excluded.updated_at'),
          withdrawn: eb.ref('excluded.withdrawn'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
    pageKeys(keys, page.slug);
    return live ? 'updated' : 'created';
  }

  async function withdraw(trx: Executor, slugs: readonly string[], keys: Set<ChangeKey>) {
    if (slugs.length === 0) return;
    await trx
      .updateTable('pages')
      .set({ withdrawn: 1 })
      .where('slug', 'in', [...slugs])
      .execute();
    for (const slug of slugs) pageKeys(keys, slug);
  }

  return {
    /** The slugs of this source's live pages: a source tells a refused file's page that stays from a new one. */
    livePageSlugs: (source: ContentSource): Promise<string[]> =>
      writing(async (trx) =>
        (
          await trx.selectFrom('pages').select('slug').where('source', '=', source).where('withdrawn', '=', 0).execute()
        ).map((row) => row.slug),
      ),

    /** Creates or updates a page. Throws ContentConflict when another source has this slug live. */
    upsertPage: (source: ContentSource, file: PageFile): Promise<WriteResult> =>
      writing(async (trx, keys) => {
        const result = await write(trx, source, file, (await existing(trx, [file.slug])).get(file.slug), keys);
        if (result instanceof ContentConflict) throw result;
        return result;
      }),

    /** Withdraws this source's live page (readers get 404). False when none is live there; throws on another's. */
    withdrawPage: (source: ContentSource, slug: string): Promise<boolean> =>
      writing(async (trx, keys) => {
        const before = (await existing(trx, [slug])).get(slug);
        if (!before || before.withdrawn !== 0) return false;
        if (before.source !== source) throw new ContentConflict('page', slug, before.source);
        await withdraw(trx, [slug], keys);
        return true;
      }),

    /**
     * Makes this source's pages match `pages`, in one transaction: each is written (unchanged ones skipped by
     * their hash), and this source's live pages neither in it nor in `keep` (a refused file) are withdrawn.
     */
    syncPages: (source: ContentSource, pages: readonly PageFile[], keep: readonly string[] = []): Promise<SyncReport> =>
      writing(async (trx, keys) => {
        const report: SyncReport = { added: 0, updated: 0, unchanged: 0, withdrawn: 0, conflicts: [] };
        const before = await existing(trx);
        for (const page of pages) {
          const result = await write(trx, source, page, before.get(page.slug), keys);
          if (result instanceof ContentConflict) report.conflicts.push(result);
          else if (result === 'created') report.added++;
          else if (result === 'updated') report.updated++;
          else report.unchanged++;
        }
        const present = new Set([...pages.map((page) => page.slug), ...keep]);
        const gone = [...before.values()]
          .filter((row) => row.source === source && row.withdrawn === 0 && !present.has(row.slug))
          .map((row) => row.slug);
        await withdraw(trx, gone, keys);
        report.withdrawn = gone.length;
        return report;
      }),
  };
}
