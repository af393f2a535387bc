/** The pages folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { pageForms } from './forms';
export { BOOT_SCRIPT, type Pages, inlineScriptSources, inlineScripts, servePages } from './serve';
