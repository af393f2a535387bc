import { createHash, randomBytes } from 'node:crypto';

/** The operator's account: ADMIN_TOKEN signs in under this name, and no moderator may take it. */
export const OPERATOR = 'admin';

/** Short, readable names that sit in a log line or an email without quoting. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** Why a moderator's name cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!NAME.test(name))
    return `"${name}" is not a moderator name: use 1 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit`;
  if (name === OPERATOR) return `"${OPERATOR}" is the operator's account (ADMIN_TOKEN); choose another name`;
  return undefined;
}

/** 256 random bits: far beyond guessing, so one unsalted sha256 is enough to keep it out of the database. */
export const newToken = () => randomBytes(32).toString('base64url');

/** The hex sha256 stored for a token; the token itself is shown once and never kept. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
