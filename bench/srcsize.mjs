import { SourceMapConsumer } from 'source-map-js';
import { readFileSync, readdirSync } from 'node:fs';
const f = readdirSync('dist/assets').find((n) => /^index-.*\.js$/.test(n));
const code = readFileSync('dist/assets/' + f, 'utf8');
const map = JSON.parse(readFileSync('dist/assets/' + f + '.map', 'utf8'));
const c = new SourceMapConsumer(map);
const lines = code.split('\n');
const sizes = {};
let prev = null;
c.eachMapping((m) => {
  if (prev) {
    const len = prev.generatedLine === m.generatedLine ? m.generatedColumn - prev.generatedColumn : lines[prev.generatedLine - 1].length - prev.generatedColumn;
    const key = prev.source ?? '?';
    sizes[key] = (sizes[key] ?? 0) + len;
  }
  prev = m;
});
const agg = {};
for (const [k, v] of Object.entries(sizes)) {
  const key = k.includes('node_modules') ? k.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : k.replace(/.*\/src\//, 'src/');
  agg[key] = (agg[key] ?? 0) + v;
}
console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v}\t${k}`).join('\n'));
