import { formatFault, readContent } from '../server/content/read';
import { readSite } from '../server/site';

/** Validates every content file the way the server does at start; exits 1 on any fault. */
const dir = process.argv[2] ?? process.env.CONTENT_DIR ?? './content';
const content = readContent(dir);
const site = readSite(dir);
const faults = [...site.faults, ...content.faults];
for (const fault of faults) console.error(formatFault(fault));
if (site.missing) console.warn(`${dir}/site.json is missing: the site is called "${site.site.name}" until there is one`);
console.log(
  `${content.stories.length} stories and ${content.authors.length} authors are valid; ${faults.length} fault(s)`,
);
process.exitCode = faults.length > 0 ? 1 : 0;
