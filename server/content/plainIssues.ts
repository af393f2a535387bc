import * as z from 'zod/mini';
import { formatPath } from './faults';

type Issue = z.core.$ZodIssue;

/** What a value should have been, as an editor would say it. */
const TYPES: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list in [ ]',
  object: 'an object in { }',
};

const english = z.locales.en();

/** The message zod would give this issue by itself: anything else was written for it in the schema. */
function isSchemaMessage(issue: Issue): boolean {
  const fallback = english.localeError(issue as never);
  const text = typeof fallback === 'string' ? fallback : fallback?.message;
  return issue.message !== text;
}

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const strict = issue.inclusive === false;
  const words = small ? (strict ? 'more than' : 'at least') : strict ? 'less than' : 'at most';
  if (issue.origin === 'string') return `${words} ${count(limit, 'character')}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${words} ${count(limit, 'item')}`;
  return `${words} ${limit}`;
}

/**
 * One zod issue from reading a content file, in the words an editor needs: "headline is required",
 * "publishedAt: not a date", "body[0].type: not a known type; use one of …". Messages written in the schema
 * (they are already plain) are kept, after the field's name. `present` says whether the field is in the file at
 * all, which tells a missing field from one of the wrong type (zod's issue cannot: it does not carry the input).
 */
export function plainIssue(issue: Issue, present: boolean): string {
  const field = formatPath(issue.path);
  const label = field || 'the file';
  const own = isSchemaMessage(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (!present) return `${label} is required`;
      return `${label}: must be ${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (own && issue.message === 'Required') return `${label} is empty`;
      return `${label}: ${own ? issue.message : bound(issue)}`;
    case 'too_big':
      return `${label}: ${own ? issue.message : bound(issue)}`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date')
        return `${label}: not a date; use ISO 8601 with a time zone, e.g. 2026-11-20T08:30:00Z`;
      return `${label}: ${own ? issue.message : `not a valid ${issue.format}`}`;
    case 'invalid_union': {
      const { options } = issue as { options?: unknown[] };
      if (options) return `${label}: not a known type; use one of ${quoted(options)}`;
      return `${label}: ${own ? issue.message : 'not any of the shapes allowed here'}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${label}: must be ${quoted(issue.values)}`
        : `${label}: must be one of ${quoted(issue.values)}`;
    case 'unrecognized_keys':
      return `${field ? `${field}: ` : ''}${issue.keys.length === 1 ? 'unknown field' : 'unknown fields'} ${quoted(issue.keys)}: check the spelling, or remove ${issue.keys.length === 1 ? 'it' : 'them'}`;
    default:
      return `${label}: ${issue.message}`;
  }
}

/** Where an issue points in the file: for an unknown field, at that field rather than the object holding it. */
export const issuePath = (issue: Issue): PropertyKey[] =>
  issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : [...issue.path];
