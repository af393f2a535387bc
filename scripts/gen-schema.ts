import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentJsonSchemas } from './content-schema';

const dir = join(import.meta.dirname, '..', 'content', 'schema');
for (const [name, text] of Object.entries(contentJsonSchemas())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote content/schema/${name}`);
}
