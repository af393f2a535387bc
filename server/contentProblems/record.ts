import type { ContentFault } from '../content';
import type { NewProblem, Store } from '../store';

/** The refusals among a file sync's faults (notes about stories still online are left to the log). */
export const fileProblems = (faults: readonly ContentFault[]): NewProblem[] =>
  faults
    .filter((fault) => fault.outcome !== 'published without it')
    .map((fault) => ({
      item: fault.file,
      path: fault.path,
      message: fault.message,
      line: fault.line,
      column: fault.column,
      outcome: fault.outcome,
    }));

/** Keeps what the latest file sync refused where every server and the admin's Content view see it. */
export const recordFileProblems = (store: Pick<Store, 'contentProblems'>) => (faults: readonly ContentFault[]) =>
  store.contentProblems.replaceAll('files', fileProblems(faults));

/** Where the WordPress sync reports the posts it refuses (server/sources/wordpress/sync.ts). */
export interface WordPressProblems {
  /** A post refused, with why, and whether its story stays online in its last good version. */
  refused(postId: number, message: string, outcome: 'not published' | 'the last good version stays'): Promise<void>;
  /** After a sync: these posts were stored, so are fixed; with the full list, posts not in it are gone. */
  settle(stored: ReadonlySet<number>, published?: ReadonlySet<number>): Promise<void>;
}

/** Keeps the WordPress posts a sync refused, by post id, until a sync stores them or they are no longer published. */
export function wordpressProblems(store: Pick<Store, 'contentProblems'>): WordPressProblems {
  const problems = store.contentProblems;
  return {
    refused: (postId, message, outcome) =>
      problems.replaceItem('wordpress', String(postId), [{ item: String(postId), message, outcome }]),
    async settle(stored, published) {
      const listed = new Set(
        (await problems.list()).filter((problem) => problem.source === 'wordpress').map((problem) => problem.item),
      );
      const keep = new Set(
        [...listed].filter((item) => !stored.has(Number(item)) && (!published || published.has(Number(item)))),
      );
      if (keep.size < listed.size) await problems.keepOnly('wordpress', keep);
    },
  };
}
