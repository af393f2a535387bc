import { sql } from 'kysely';
import { createChanges } from '../server/changes';
import { loadSiteIcons } from '../server/distribution';
import { readSite } from '../server/site';
import { formatFault } from '../server/content';
import { syncFiles } from '../server/sources';
import { openStore } from '../server/store';

/**
 * Validates every content file the way the server does at start: the file source loads the folder into a
 * throwaway SQLite store in memory, so what is refused here is exactly what a server would refuse. Exits 1 on
 * any fault.
 */
const dir = process.argv[2] ?? process.env.CONTENT_DIR ?? './content';
const store = await openStore({ dbPath: ':memory:' });
try {
  const content = await syncFiles(store.content(createChanges()), dir);
  const count = async (table: 'stories' | 'authors') =>
    (
      await store.db
        .selectFrom(table)
        .select(sql<number>`CAST(COUNT(*) AS INTEGER)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const site = readSite(dir);
  const icon = site.site ? await loadSiteIcons(site.site, dir) : { faults: [] };
  const faults = [...site.faults, ...icon.faults, ...content.faults];
  for (const fault of faults) console.error(formatFault(fault));
  if (site.missing)
    console.warn(`${dir}/site.json is missing: the site is called "${site.site.name}" until there is one`);
  console.log(
    `${await count('stories')} stories and ${await count('authors')} authors are valid; ${faults.length} fault(s)`,
  );
  process.exitCode = faults.length > 0 ? 1 : 0;
} finally {
  await store.close();
}
