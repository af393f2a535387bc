import { chunks, KEYS_PER_STATEMENT } from './chunks';
import type { Db } from './open';
import type { ContentProblemsTable } from './tables';

export type ProblemSource = ContentProblemsTable['source'];

/** One message about a refused file or WordPress post, as the admin API gives it. */
export interface ContentProblem {
  source: ProblemSource;
  /** The file's path under the content folder, or the WordPress post's id. */
  item: string;
  path: string;
  message: string;
  line: number | null;
  column: number | null;
  outcome: string | null;
  foundAt: string;
}

export type NewProblem = Pick<ContentProblem, 'item' | 'message'> &
  Partial<Pick<ContentProblem, 'path' | 'line' | 'column' | 'outcome'>>;

/** Rows per insert: a problem row binds a dozen values, so fewer rows than the store's usual statement. */
const PROBLEM_ROWS = 100;

/**
 * What the content sources refused, shared by every server: each sync states the whole truth for what it read,
 * so a problem disappears the moment its file or post is fixed or removed.
 */
export function contentProblemStore(db: Db) {
  const rows = (source: ProblemSource, problems: readonly NewProblem[], foundAt: string) => {
    const positions = new Map<string, number>();
    return problems.map((problem) => {
      const position = positions.get(problem.item) ?? 0;
      positions.set(problem.item, position + 1);
      return {
        source,
        item: problem.item,
        position,
        path: problem.path ?? '',
        message: problem.message,
        line: problem.line ?? null,
        col: problem.column ?? null,
        outcome: problem.outcome ?? null,
        found_at: foundAt,
      };
    });
  };
  const insert = async (trx: Db, source: ProblemSource, problems: readonly NewProblem[]) => {
    const all = rows(source, problems, new Date().toISOString());
    for (const chunk of chunks(all, PROBLEM_ROWS)) await trx.insertInto('content_problems').values(chunk).execute();
  };

  return {
    /** Every problem of a source, replaced by what its latest full look found (the content files' sync). */
    async replaceAll(source: ProblemSource, problems: readonly NewProblem[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('content_problems').where('source', '=', source).execute();
        await insert(trx, source, problems);
      });
    },

    /** One item's problems, replaced (none: it was stored, so it is fixed). */
    async replaceItem(source: ProblemSource, item: string, problems: readonly NewProblem[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('content_problems').where('source', '=', source).where('item', '=', item).execute();
        await insert(
          trx,
          source,
          problems.map((problem) => ({ ...problem, item })),
        );
      });
    },

    /** Forgets the problems of items the source no longer has (a WordPress post deleted or unpublished). */
    async keepOnly(source: ProblemSource, items: ReadonlySet<string>): Promise<void> {
      const listed = await db
        .selectFrom('content_problems')
        .select('item')
        .distinct()
        .where('source', '=', source)
        .execute();
      const gone = listed.map((row) => row.item).filter((item) => !items.has(item));
      for (const items of chunks(gone, KEYS_PER_STATEMENT))
        await db.deleteFrom('content_problems').where('source', '=', source).where('item', 'in', items).execute();
    },

    async list(): Promise<ContentProblem[]> {
      const found = await db
        .selectFrom('content_problems')
        .selectAll()
        .orderBy('source')
        .orderBy('item')
        .orderBy('position')
        .execute();
      return found.map((row) => ({
        source: row.source,
        item: row.item,
        path: row.path,
        message: row.message,
        line: row.line,
        column: row.col,
        outcome: row.outcome,
        foundAt: row.found_at,
      }));
    },
  };
}
