/**
 * JSON-LD checked against schema.org's vocabulary as a search engine reads it: every `@type` is a schema.org
 * type, every property is one, and each property is used on a type its domain includes (the type or one of its
 * ancestors: a LiveBlogPosting is a BlogPosting, a SocialMediaPosting, an Article, a CreativeWork, a Thing).
 * A nested node's `@type` must be in the property's range (again with ancestors); a text value must be allowed
 * by the range (a data type, or a type written as its name or address, which schema.org accepts); a date must
 * parse. Pending and superseded terms are refused: search engines may not read them.
 *
 * The vocabulary is test/schemaorg/vocabulary.json (see its `source` and `license`; made by
 * scripts/schemaorg-vocabulary.ts from a schema.org release), never fetched at test time.
 */
import vocabularyJson from './vocabulary.json' with { type: 'json' };

interface Vocabulary {
  version: string;
  types: Record<string, { parents: string[]; pending?: true; supersededBy?: string }>;
  properties: Record<string, { domain: string[]; range: string[]; pending?: true; supersededBy?: string }>;
}

export const vocabulary = vocabularyJson as Vocabulary;

/** The type and every type above it. */
export function ancestors(type: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const parent of vocabulary.types[name]?.parents ?? []) visit(parent);
  };
  visit(type);
  return seen;
}

const TEXT_TYPES = new Set(['Text', 'URL', 'CssSelectorType', 'XPathType', 'PronounceableText']);
const DATE_TYPES = new Set(['DateTime', 'Date', 'Time']);
const NUMBER_TYPES = new Set(['Number', 'Integer', 'Float']);

const ISO_DATE = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/;

/** What is wrong with `node` as schema.org reads it, each problem with its path; empty when all is well. */
export function schemaOrgProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => schemaOrgProblems(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [`${path}: a node must be an object`];
  const record = node as Record<string, unknown>;
  const problems: string[] = [];
  const types = [record['@type'] ?? []].flat();
  if (types.length === 0) problems.push(`${path}: no @type`);
  for (const type of types) {
    const known = typeof type === 'string' ? vocabulary.types[type] : undefined;
    if (!known) problems.push(`${path}: @type ${JSON.stringify(type)} is not a schema.org type`);
    else if (known.pending) problems.push(`${path}: @type ${type} is only pending in schema.org`);
    else if (known.supersededBy) problems.push(`${path}: @type ${type} is superseded by ${known.supersededBy}`);
  }
  const above = new Set(types.flatMap((type) => [...ancestors(String(type))]));
  for (const [name, value] of Object.entries(record)) {
    if (name === '@type' || name === '@id') continue;
    if (name === '@context') {
      if (path !== '$' || value !== 'https://schema.org')
        problems.push(`${path}: @context must be https://schema.org at the top`);
      continue;
    }
    const at = `${path}.${name}`;
    const property = vocabulary.properties[name];
    if (!property) {
      problems.push(`${at}: ${name} is not a schema.org property`);
      continue;
    }
    if (property.pending) problems.push(`${at}: ${name} is only pending in schema.org`);
    if (property.supersededBy) problems.push(`${at}: ${name} is superseded by ${property.supersededBy}`);
    if (!property.domain.some((type) => above.has(type))) {
      problems.push(
        `${at}: ${name} is not a property of ${types.join(', ')} (its domain: ${property.domain.join(', ')})`,
      );
    }
    const values = [value].flat();
    values.forEach((item, index) => {
      const where = Array.isArray(value) ? `${at}[${index}]` : at;
      problems.push(...valueProblems(item, property.range, where));
    });
  }
  return problems;
}

function valueProblems(value: unknown, range: string[], at: string): string[] {
  if (typeof value === 'object' && value !== null) {
    const nested = schemaOrgProblems(value, at);
    const types = [(value as Record<string, unknown>)['@type'] ?? []].flat().map(String);
    const fits = types.some((type) => [...ancestors(type)].some((name) => range.includes(name)));
    return fits ? nested : [...nested, `${at}: a ${types.join(', ')} is not in the range (${range.join(', ')})`];
  }
  if (typeof value === 'string') {
    if (range.some((type) => DATE_TYPES.has(type)) && !range.some((type) => TEXT_TYPES.has(type))) {
      return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? []
        : [`${at}: ${value} is not an ISO 8601 date`];
    }
    return [];
  }
  if (typeof value === 'number') {
    return range.some((type) => NUMBER_TYPES.has(type) || TEXT_TYPES.has(type))
      ? []
      : [`${at}: a number where ${range.join(', ')} is expected`];
  }
  if (typeof value === 'boolean') {
    return range.includes('Boolean') ? [] : [`${at}: true or false where ${range.join(', ')} is expected`];
  }
  return [`${at}: ${JSON.stringify(value)} is not a value JSON-LD can carry here`];
}

/**
 * What Google's live blog rich result asks for: on the LiveBlogPosting headline, coverageStartTime and
 * liveBlogUpdate, and coverageEndTime (Byline has no planned end, so only once the coverage has ended); on each
 * update headline, datePublished and articleBody.
 */
export function googleLiveBlogProblems(data: Record<string, unknown>, ended: boolean): string[] {
  const problems: string[] = [];
  const need = (node: Record<string, unknown>, names: string[], where: string) => {
    for (const name of names) if (node[name] === undefined || node[name] === '') problems.push(`${where}: no ${name}`);
  };
  need(data, ['headline', 'coverageStartTime', 'liveBlogUpdate', ...(ended ? ['coverageEndTime'] : [])], '$');
  const updates = [data.liveBlogUpdate ?? []].flat() as Record<string, unknown>[];
  updates.forEach((update, index) =>
    need(update, ['headline', 'datePublished', 'articleBody'], `$.liveBlogUpdate[${index}]`),
  );
  return problems;
}
