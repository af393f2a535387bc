import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The project's WordPress harness (test/wordpress: Debian's WordPress 6.1 on Apache and MariaDB, 127.0.0.1:8080),
 * loaded from a site description. start.sh installs the packages the first time (npm test's prerequisites step
 * does that before the tests, so a test only pays for starting the services and loading its content) and prints
 * the site's URL last.
 */
const harness = join(import.meta.dirname, '..', 'wordpress');
/** Written by start.sh: the admin's application password for the REST API. */
export const APP_PASSWORD_FILE = '/etc/wordpress/byline-test-app-password';
const DATABASE = 'byline_wp';
const run = promisify(execFile);

export interface RunningWordPress {
  url: string;
  /** HTTP Basic credentials of the admin's application password: drafts, revisions, edits. */
  auth: { user: string; password: string };
  /** Calls the REST API as the admin. */
  rest(path: string, init?: RequestInit): Promise<unknown>;
  /**
   * Deletes every post whose slug is not listed, straight in the database (as test/wordpress/README.md allows): posts
   * other descriptions or the benchmark loaded would otherwise join the test's site.
   */
  keepOnly(slugs: readonly string[]): Promise<void>;
  stop(): Promise<void>;
  /** Starts it again with the same site description. */
  start(): Promise<void>;
}

export async function startWordPress(siteJson: string): Promise<RunningWordPress> {
  const start = async () => {
    const { stdout } = await run('bash', [join(harness, 'start.sh'), siteJson], {
      timeout: 600_000,
      maxBuffer: 1 << 24,
    });
    return stdout.trim().split('\n').at(-1)!.trim();
  };
  const url = (await start()).replace(/\/+$/, '');
  const auth = { user: 'admin', password: readFileSync(APP_PASSWORD_FILE, 'utf8').trim() };
  const authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  return {
    url,
    auth,
    async rest(path, init = {}) {
      const response = await fetch(`${url}/wp-json/wp/v2/${path}`, {
        ...init,
        headers: { Authorization: authorization, 'Content-Type': 'application/json', ...init.headers },
      });
      const body: unknown = await response.json();
      if (!response.ok)
        throw new Error(`WordPress ${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    },
    keepOnly: async (slugs) => {
      const listed = slugs.map((slug) => `'${slug.replace(/[^a-z0-9-]/g, '')}'`).join(', ');
      await run('mysql', [
        '-uroot',
        DATABASE,
        '-e',
        `DELETE FROM wp_posts WHERE post_type = 'post' AND post_name NOT IN (${listed})`,
      ]);
    },
    stop: async () => {
      await run('bash', [join(harness, 'stop.sh')], { timeout: 120_000 });
    },
    start: async () => {
      await start();
    },
  };
}
