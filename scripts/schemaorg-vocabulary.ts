/**
 * Writes test/schemaorg/vocabulary.json, the part of schema.org's vocabulary the JSON-LD tests check against:
 * every type with its parents, every property with the types it may be used on and the types of its values.
 * From a release's two CSV files (schemaorg-current-https-types.csv and -properties.csv, in data/releases/<n>/
 * of schema.org's own repository), so tests never fetch schema.org:
 *
 *   npx tsx scripts/schemaorg-vocabulary.ts <version> <types.csv> <properties.csv>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Rows as objects by the header's names. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows
    .filter((row) => row.length === header!.length)
    .map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

const names = (list: string) =>
  list
    .split(',')
    .map((item) => item.trim().replace(/^https:\/\/schema\.org\//, ''))
    .filter(Boolean)
    .sort();
const pending = (row: Record<string, string>) => row.isPartOf?.includes('pending.schema.org') ?? false;

export function vocabulary(version: string, typesCsv: string, propertiesCsv: string) {
  const types: Record<string, { parents: string[]; pending?: true; supersededBy?: string }> = {};
  for (const row of records(typesCsv)) {
    types[row.label!] = {
      parents: names(row.subTypeOf!),
      ...(pending(row) ? { pending: true as const } : {}),
      ...(row.supersededBy ? { supersededBy: names(row.supersededBy).join(' ') } : {}),
    };
  }
  const properties: Record<string, { domain: string[]; range: string[]; pending?: true; supersededBy?: string }> = {};
  for (const row of records(propertiesCsv)) {
    properties[row.label!] = {
      domain: names(row.domainIncludes!),
      range: names(row.rangeIncludes!),
      ...(pending(row) ? { pending: true as const } : {}),
      ...(row.supersededBy ? { supersededBy: names(row.supersededBy).join(' ') } : {}),
    };
  }
  return {
    source: `schema.org vocabulary release ${version}: data/releases/${version}/schemaorg-current-https-types.csv and -properties.csv of github.com/schemaorg/schemaorg`,
    license:
      "schema.org's schemas are published under Creative Commons Attribution-ShareAlike 3.0 (schema.org/docs/terms.html); the repository's software under Apache-2.0",
    version,
    types,
    properties,
  };
}

if (process.argv[1]?.endsWith('schemaorg-vocabulary.ts')) {
  const [version, typesPath, propertiesPath] = process.argv.slice(2);
  if (!version || !typesPath || !propertiesPath) {
    console.error('usage: npx tsx scripts/schemaorg-vocabulary.ts <version> <types.csv> <properties.csv>');
    process.exit(2);
  }
  const out = join(import.meta.dirname, '..', 'test', 'schemaorg', 'vocabulary.json');
  const data = vocabulary(version, readFileSync(typesPath, 'utf8'), readFileSync(propertiesPath, 'utf8'));
  writeFileSync(out, `${JSON.stringify(data)}\n`);
  console.log(
    `wrote ${out}: ${Object.keys(data.types).length} types, ${Object.keys(data.properties).length} properties`,
  );
}
