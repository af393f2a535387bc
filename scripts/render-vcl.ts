import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSite } from '../server/site';
import { parseBackends, renderBackendsVcl, unavailablePage } from './varnish-backends';
import { renderQueryVcl } from './varnish-query';

/**
 * `BYLINE_BACKENDS=10.0.0.5:3000,10.0.0.6:3000 npm run vcl:render -- <dir>`: writes <dir>/byline-backends.vcl
 * (the servers, the director, the 503 page with the name and colours of CONTENT_DIR's site.json),
 * <dir>/byline-query.vcl (the query parameters each path keeps, from scripts/varnish-query.ts) and a copy of
 * deploy/varnish/byline.vcl beside them, the file to give varnishd -f. Each file is written under a temporary name
 * first, so a running Varnish never reloads half a file.
 */
const shipped = resolve(import.meta.dirname, '..', 'deploy', 'varnish');

function main() {
  const target = process.argv[2];
  if (!target) throw new Error('usage: BYLINE_BACKENDS=host:port,host:port npm run vcl:render -- <directory>');
  const dir = resolve(target);
  const backends = parseBackends(process.env.BYLINE_BACKENDS);
  const contentDir = process.env.CONTENT_DIR || './content';
  const site = readSite(contentDir);
  if (!site.site) {
    const faults = site.faults.map((fault) => `  ${fault.file} ${fault.path}: ${fault.message}`).join('\n');
    throw new Error(`the site's identity (${contentDir}/site.json) is invalid:\n${faults}`);
  }
  if (site.missing) console.warn(`vcl:render: no ${contentDir}/site.json; the 503 page says "${site.site.name}"`);
  mkdirSync(dir, { recursive: true });
  const include = join(dir, 'byline-backends.vcl');
  writeFileSync(`${include}.partial`, renderBackendsVcl(backends, unavailablePage(site.site)), { mode: 0o644 });
  renameSync(`${include}.partial`, include);
  const query = join(dir, 'byline-query.vcl');
  writeFileSync(`${query}.partial`, renderQueryVcl(), { mode: 0o644 });
  renameSync(`${query}.partial`, query);
  if (dir !== shipped) {
    const rules = join(dir, 'byline.vcl');
    copyFileSync(join(shipped, 'byline.vcl'), `${rules}.partial`);
    renameSync(`${rules}.partial`, rules);
  }
  const list = backends.map((b) => (b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`));
  console.log(`vcl:render: ${join(dir, 'byline.vcl')} with ${list.length} backend(s): ${list.join(', ')}`);
}

try {
  main();
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
