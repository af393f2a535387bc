import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentJsonSchemas } from './content-schema';

describe('content/schema/*.json', () => {
  it.each(Object.entries(contentJsonSchemas()))('%s matches the zod schema (run npm run schema:generate)', (name, text) => {
    const onDisk = readFileSync(join(import.meta.dirname, '..', 'content', 'schema', name), 'utf8');
    expect(onDisk).toBe(text);
  });
});
