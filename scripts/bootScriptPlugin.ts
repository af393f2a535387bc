import { readFileSync } from 'node:fs';
import { minifySync, transformWithOxc, type Plugin } from 'vite';

const ENTRY_SCRIPT = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/;
const MODULE_PRELOAD = /<link rel="modulepreload"[^>]*>\s*/g;
const PRELOAD_HREF = /<link rel="modulepreload"[^>]*\shref="([^"]+)"/g;

/**
 * Replaces the built page's entry script (and the modulepreload links of the chunks it imports) with
 * src/app/boot.ts, inlined and minified, which requests the entry only after the first paint, and those chunks
 * beside it rather than one round trip later. The addresses travel in data attributes, so the inline script is
 * the same in every build and so is its hash in the server's CSP.
 */
export function bootScriptPlugin(bootFile: string): Plugin {
  return {
    name: 'byline:boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const entry = ENTRY_SCRIPT.exec(html)?.[1];
        if (!entry) throw new Error('byline:boot-script: the built index.html has no module entry script to replace');
        const { code } = await transformWithOxc(readFileSync(bootFile, 'utf8'), bootFile, { lang: 'ts' });
        const boot = minifySync('boot.js', code, { compress: true, mangle: true }).code.trim();
        if (boot.includes('</')) throw new Error('byline:boot-script: the boot script cannot be inlined as it is');
        const imports = [...html.matchAll(PRELOAD_HREF)].map((match) => match[1]!);
        const preload = imports.length > 0 ? ` data-preload="${imports.join(' ')}"` : '';
        return html
          .replace(MODULE_PRELOAD, '')
          .replace(ENTRY_SCRIPT, () => `<script data-entry="${entry}"${preload}>${boot}</script>\n    `);
      },
    },
  };
}
