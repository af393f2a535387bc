/*
 * Multi-row statements in slices: each engine caps the values one statement may bind (SQLite 32,766, PostgreSQL
 * 65,535), and a statement of thousands of rows is one long lock. Every bulk write and `IN (…)` list in the store
 * goes through here.
 */

/** Rows per statement: at eight values a row, well inside both engines' limits. */
export const ROWS_PER_STATEMENT = 200;

/** Keys per `IN (…)` list or per delete: one value each, so more fit. */
export const KEYS_PER_STATEMENT = ROWS_PER_STATEMENT * 4;

export const chunks = <T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
