import * as z from 'zod/mini';

// Every fault a reader of content reports comes from zod's messages: in plain English, whichever module parses.
z.config(z.locales.en());

/** A problem with one piece of content, pointed at the way its publisher would find it: file (or record) and path. */
export interface ContentFault {
  file: string;
  path: string;
  message: string;
  /** Where in the file, 1-based, when the fault comes from reading its text. */
  line?: number;
  column?: number;
  /** What became of the content: a new file is not published; a story already online keeps its last good version. */
  outcome?: FaultOutcome;
}

/** 'published without it': a note about a story that is online, not a refusal (a related story went away). */
export type FaultOutcome = 'not published' | 'the last good version stays' | 'published without it';

/**
 * "stories/x.json:3:5: headline is required": the file (with line and column when known, as editors and
 * terminals link them) and the message, after the JSON path unless the message already starts with its field.
 */
export function formatFault(fault: ContentFault): string {
  const at = fault.line === undefined ? '' : `:${fault.line}:${fault.column ?? 1}`;
  const named = !fault.path || fault.message.startsWith(fault.path);
  return `${fault.file}${at}: ${named ? '' : `${fault.path}: `}${fault.message}`;
}

/** ["body", 3, "src"] -> "body[3].src", the way a publisher would point at it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}
