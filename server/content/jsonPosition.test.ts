import { describe, expect, it } from 'vitest';
import { jsonSyntaxError, locate, positionAt } from './jsonPosition';

const at = (text: string, offset: number | undefined) => positionAt(text, offset ?? -1);

describe('jsonSyntaxError', () => {
  it('points at a missing comma on its line and column', () => {
    const text = '{\n  "slug": "a"\n  "section": "City"\n}';
    const error = jsonSyntaxError(text)!;
    expect(at(text, error.offset)).toEqual({ line: 3, column: 3 });
    expect(error.message).toBe('unexpected "\\"": expected "," or "}"');
  });

  it('names a trailing comma, an unquoted field, a bare word and an unclosed file', () => {
    const trailing = '{\n  "a": [1, 2,]\n}';
    expect(jsonSyntaxError(trailing)).toMatchObject({ message: 'a comma before "]" is not allowed' });
    expect(at(trailing, jsonSyntaxError(trailing)?.offset)).toEqual({ line: 2, column: 14 });
    const unquoted = '{ slug: "a" }';
    expect(jsonSyntaxError(unquoted)).toEqual({
      offset: 2,
      message: 'unexpected "s": a field name must be in double quotes',
    });
    expect(jsonSyntaxError('{"a": tru}')).toMatchObject({ offset: 6 });
    const open = '{\n  "slug": ';
    expect(jsonSyntaxError(open)).toEqual({
      offset: open.length,
      message: 'the file ends too early: something is not closed',
    });
    expect(jsonSyntaxError('{"a": "line\nbreak"}')?.message).toMatch(/line break or tab inside quotes/);
    expect(jsonSyntaxError('{} x')).toMatchObject({ offset: 3, message: 'unexpected "x" after the end of the JSON' });
  });

  it('finds nothing wrong in JSON that parses', () => {
    for (const text of ['{}', '[1, -2.5e3, true, null, "a\\u00e9\\n"]', ' {"a": {"b": [[], {}]}} '])
      expect(jsonSyntaxError(text)).toBeUndefined();
  });
});

describe('locate', () => {
  const text = '{\n  "slug": "a",\n  "body": [\n    {"type": "p"},\n    {"type": "x", "src": "y"}\n  ]\n}';

  it('points at a field’s key and an array’s element', () => {
    expect(at(text, locate(text, ['body']).offset)).toEqual({ line: 3, column: 3 });
    expect(at(text, locate(text, ['body', 1]).offset)).toEqual({ line: 5, column: 5 });
    expect(at(text, locate(text, ['body', 1, 'src']).offset)).toEqual({ line: 5, column: 19 });
    expect(locate(text, ['body', 1, 'src']).found).toBe(true);
  });

  it('points at the object a missing field belongs in, and says it is missing', () => {
    expect(locate(text, ['headline'])).toEqual({ offset: 0, found: false });
    const missing = locate(text, ['body', 0, 'content']);
    expect(missing.found).toBe(false);
    expect(at(text, missing.offset)).toEqual({ line: 4, column: 5 });
    expect(locate(text, ['body', 5]).found).toBe(false);
  });

  it('takes the last of repeated fields, as JSON.parse does, and reads strings holding brackets', () => {
    const repeated = '{"a": "}]\\"", "b": 1, "b": 2}';
    expect(locate(repeated, ['b'])).toEqual({ offset: 22, found: true });
  });
});
