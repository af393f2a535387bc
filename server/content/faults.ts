import * as z from 'zod/mini';

// Every fault a reader of content reports comes from zod's messages: in plain English, whichever module parses.
z.config(z.locales.en());

/** A problem with one piece of content, pointed at the way its publisher would find it: file (or record) and path. */
export interface ContentFault {
  file: string;
  path: string;
  message: string;
}

export const formatFault = (fault: ContentFault) =>
  fault.path ? `${fault.file}: ${fault.path}: ${fault.message}` : `${fault.file}: ${fault.message}`;

/** ["body", 3, "src"] -> "body[3].src", the way a publisher would point at it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}
