import { formatFault, readContent } from '../server/content/read';

/** Validates every content file the way the server does at start; exits 1 on any fault. */
const dir = process.argv[2] ?? process.env.CONTENT_DIR ?? './content';
const content = readContent(dir);
for (const fault of content.faults) console.error(formatFault(fault));
console.log(
  `${content.stories.length} stories and ${content.authors.length} authors are valid; ${content.faults.length} fault(s)`,
);
process.exitCode = content.faults.length > 0 ? 1 : 0;
