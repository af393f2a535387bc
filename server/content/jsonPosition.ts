/**
 * Where things are in a content file's text, so a fault can name its line and column: the place a JSON syntax
 * error starts, and the place a zod issue's path points at. Positions are 1-based, as editors count them.
 */

export interface TextPosition {
  line: number;
  column: number;
}

/** The line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * The first syntax error in text that JSON.parse refused, with its offset and what is wrong in plain words.
 * Our own strict reading rather than the parser's message: V8 gives a position for some errors and not others,
 * and its wording changes between Node versions.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let at = 0;
  const fail = (message: string): never => {
    throw new SyntaxAt(at, at >= text.length ? 'the file ends too early: something is not closed' : message);
  };
  const found = () => `unexpected ${JSON.stringify(text[at])}`;
  const skipSpace = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const string = () => {
    at++;
    for (;;) {
      if (at >= text.length) fail('');
      const char = text[at]!;
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail('a \\u escape needs four hex digits');
          at += 5;
        } else if (ESCAPES.has(text[at] ?? '')) at++;
        else fail(`${JSON.stringify(`\\${text[at]}`)} is not an escape JSON knows`);
      } else if (char < ' ') fail('a line break or tab inside quotes: write it as \\n or \\t');
      else at++;
    }
  };
  const members = (close: '}' | ']') => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      skipSpace();
      if (close === '}') {
        if (text[at] !== '"') fail(`${found()}: a field name must be in double quotes`);
        string();
        skipSpace();
        if (text[at] !== ':') fail(`${found()}: expected ":" after the field name`);
        at++;
      }
      value();
      skipSpace();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') fail(`${found()}: expected "," or "${close}"`);
      at++;
      skipSpace();
      if (text[at] === close) fail(`a comma before "${close}" is not allowed`);
    }
  };
  const value = () => {
    skipSpace();
    const char = text[at];
    if (char === '{' || char === '[') return members(char === '{' ? '}' : ']');
    if (char === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    fail(`${found()}: expected a value (text in double quotes, a number, true, false, null, { or [)`);
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail(`${found()} after the end of the JSON`);
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return { offset: error.offset, message: error.message };
    // Nested deeper than the stack allows: say so at the start rather than not at all.
    return { offset: 0, message: 'nested too deeply to read' };
  }
}

/** Past the JSON value that starts at `at` (the text is known to be valid JSON). */
function skipValue(text: string, at: number): number {
  let depth = 0;
  let index = at;
  do {
    const char = text[index]!;
    if (char === '"') {
      index++;
      while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (depth === 0) {
      while (index < text.length && !/[\s,}\]]/.test(text[index]!)) index++;
      return index;
    }
    index++;
  } while (depth > 0 && index < text.length);
  return index;
}

function skipSpaceFrom(text: string, at: number): number {
  let index = at;
  while (index < text.length && WHITESPACE.has(text[index]!)) index++;
  return index;
}

/**
 * Where a path points in valid JSON text: the key of an object's field, an array's element. `found` is false
 * when the path leads somewhere absent (a required field left out): the offset is then that of the nearest
 * enclosing value, the object the field belongs in.
 */
export function locate(text: string, path: readonly PropertyKey[]): { offset: number; found: boolean } {
  let at = skipSpaceFrom(text, 0);
  let keyAt = at;
  for (const key of path) {
    const start = at;
    const char = text[at];
    let next: number | undefined;
    if (char === '[' && typeof key === 'number') {
      at = skipSpaceFrom(text, at + 1);
      for (let index = 0; text[at] !== ']'; index++) {
        if (index === key) {
          next = at;
          break;
        }
        at = skipSpaceFrom(text, skipValue(text, at));
        if (text[at] === ',') at = skipSpaceFrom(text, at + 1);
      }
      if (next !== undefined) keyAt = next;
    } else if (char === '{' && typeof key !== 'symbol') {
      at = skipSpaceFrom(text, at + 1);
      while (text[at] === '"') {
        const nameAt = at;
        const nameEnd = skipValue(text, at);
        const name = JSON.parse(text.slice(at, nameEnd)) as string;
        at = skipSpaceFrom(text, skipSpaceFrom(text, nameEnd) + 1); // past the colon
        // The last of repeated fields is the one JSON.parse keeps.
        if (name === String(key)) {
          next = at;
          keyAt = nameAt;
        }
        at = skipSpaceFrom(text, skipValue(text, at));
        if (text[at] === ',') at = skipSpaceFrom(text, at + 1);
      }
    }
    if (next === undefined) return { offset: start, found: false };
    at = next;
  }
  return { offset: keyAt, found: true };
}
