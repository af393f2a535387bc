import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The API under load from autocannon in this process, over loopback, against a server in its own process, or
 * against several at once: given several URLs, autocannon opens its connections round-robin over them.
 */

/** autocannon takes one URL or several (its types know only one). */
const target = (url: string | string[]) => url as string;

export interface LoadResult {
  title: string;
  /** Mean of autocannon's per-second samples: what it prints as Req/Sec. */
  requestsPerSecond: number;
  /** Milliseconds. */
  latency: { p50: number; p99: number; max: number };
  total: number;
  durationSeconds: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

/** Browsers always offer compression, and the server gzips responses over 1 KB: the load does the same. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };
/** What a browser sends for a page. */
export const PAGE_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' };

export function summarise(title: string, result: autocannon.Result): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    title,
    requestsPerSecond: result.requests.average,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    total: result.requests.total,
    durationSeconds: result.duration,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export async function loadGet(
  title: string,
  url: string | string[],
  options: LoadOptions,
  headers: Record<string, string> = BROWSER_HEADERS,
): Promise<LoadResult> {
  const result = await autocannon({
    url: target(url),
    connections: options.connections,
    duration: options.seconds,
    headers,
  });
  const summary = summarise(title, result);
  const ok = summary.statusCodes['200'] ?? 0;
  if (ok === 0 || result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${title}: ${ok} answers 200, ${result.non2xx} others, ${result.errors} errors: ${JSON.stringify(summary.statusCodes)}`,
    );
  }
  return summary;
}

export interface PostLoadResult extends LoadResult {
  created: number;
  stored: number;
  /** Requests sent whose answer had not arrived when autocannon stopped (it closes its sockets then). */
  unanswered: number;
  /** Of those, how many the server still stored. */
  unansweredStored: number;
  /** Every 201 is in the database, and nothing refused or unanswered beyond what was in flight is. */
  storedEqualsCreated: boolean;
  problems: string[];
}

/** Reads the emails of a story's comments whose email is LIKE a pattern: how a run finds what it stored. */
export type StoredEmails = (slug: string, like: string) => Promise<string[]>;

export const sqliteEmails =
  (dbPath: string): StoredEmails =>
  async (slug, like) => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`SELECT email FROM comments WHERE story_slug = ? AND email LIKE ?`).all(slug, like);
      return (rows as { email: string }[]).map((row) => row.email);
    } finally {
      db.close();
    }
  };

export const postgresEmails =
  (url: string): StoredEmails =>
  async (slug, like) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT email FROM comments WHERE story_slug = $1 AND email LIKE $2`, [
        slug,
        like,
      ]);
      return (rows as { email: string }[]).map((row) => row.email);
    } finally {
      await client.end();
    }
  };

/**
 * POSTs comments as fast as it can, each with its own text and email (flood control must be off), then checks
 * the database: the comments stored by this run must be exactly those answered 201. Requests still in flight
 * when the time is up get no answer (autocannon closes its connections), so they are counted apart.
 */
export async function loadPostComments(
  base: string | string[],
  slug: string,
  storedEmails: StoredEmails,
  options: LoadOptions,
): Promise<PostLoadResult> {
  const run = `load${Date.now().toString(36)}`;
  const sent = new Set<number>();
  const answers = new Map<number, number>();
  let next = 0;

  const result = await autocannon({
    url: target(base),
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: `/api/stories/${slug}/comments`,
        headers: { 'content-type': 'application/json', ...BROWSER_HEADERS },
        setupRequest: (request, context) => {
          const key = ++next;
          (context as { key?: number }).key = key;
          sent.add(key);
          return {
            ...request,
            body: JSON.stringify({
              text: `Load test comment ${key} of ${run}: the lanterns looked wonderful from the harbour wall.`,
              name: `Load Reader ${key}`,
              email: `reader-${key}.${run}@load.example`,
            }),
          };
        },
        onResponse: (status, _body, context) => {
          const key = (context as { key?: number }).key;
          if (key !== undefined) answers.set(key, status);
        },
      },
    ],
  });
  const summary = summarise('POST comments', result);

  // Give the server a moment to finish what was in flight, then read what it stored for this run.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const storedKeys = (await storedEmails(slug, `%.${run}@load.example`)).map((email) =>
    Number(/^reader-(\d+)\./.exec(email)![1]),
  );

  const stored = new Set(storedKeys);
  const created = [...answers].filter(([, status]) => status === 201).map(([key]) => key);
  const unanswered = [...sent].filter((key) => !answers.has(key));
  const problems: string[] = [];
  const createdMissing = created.filter((key) => !stored.has(key));
  if (createdMissing.length > 0)
    problems.push(`${createdMissing.length} comments answered 201 are not in the database`);
  const refusedStored = [...answers].filter(([key, status]) => status !== 201 && stored.has(key));
  if (refusedStored.length > 0)
    problems.push(`${refusedStored.length} comments answered with an error were stored anyway`);
  const strays = storedKeys.filter((key) => !sent.has(key));
  if (strays.length > 0) problems.push(`${strays.length} stored comments were never sent`);
  if (storedKeys.length !== stored.size) problems.push(`${storedKeys.length - stored.size} comments were stored twice`);
  const nonCreated = [...answers.values()].filter((status) => status !== 201).length;
  if (nonCreated > 0)
    problems.push(`${nonCreated} posts were not answered 201: ${JSON.stringify(summary.statusCodes)}`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  const unansweredStored = unanswered.filter((key) => stored.has(key)).length;
  const storedAnswered = storedKeys.length - unansweredStored;

  return {
    ...summary,
    created: created.length,
    stored: storedAnswered,
    unanswered: unanswered.length,
    unansweredStored,
    storedEqualsCreated: problems.length === 0 && storedAnswered === created.length,
    problems,
  };
}
