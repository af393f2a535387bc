import { describe, expect, it } from 'vitest';
import type { ZodMiniType } from 'zod/mini';
import { AuthorFile, StoryFile } from '../../src/schema';
import { makeAuthor, makeStory } from '../../test/helpers/content';
import { formatFault } from './faults';
import { parseFile } from '../sources';

/** A story file as an editor lays it out: two-space indents, one field a line. */
const storyText = (change: (story: Record<string, unknown>) => void) => {
  const story = makeStory('x', { related: ['a', 'b', 'c'] }) as unknown as Record<string, unknown>;
  change(story);
  return JSON.stringify(story, null, 2);
};
const faultsOf = (text: string, schema: ZodMiniType<unknown> = StoryFile) =>
  parseFile('/content/stories/x.json', schema, '/content', text).faults.map(formatFault);

describe('content faults in plain words, with line and column', () => {
  it('a required field left out', () => {
    expect(faultsOf(storyText((story) => delete story.headline))).toEqual(['stories/x.json:1:1: headline is required']);
  });

  it('an empty field, a date that is not one, a field of the wrong type', () => {
    const text = storyText((story) => {
      story.section = '  ';
      story.publishedAt = 'yesterday';
      story.related = 'a, b, c';
    });
    expect(faultsOf(text)).toEqual([
      'stories/x.json:3:3: section is empty',
      'stories/x.json:8:3: publishedAt: not a date; use ISO 8601 with a time zone, e.g. 2026-11-20T08:30:00Z',
      'stories/x.json:9:3: related: must be a list in [ ]',
    ]);
  });

  it('a misspelt field, an unknown block type, a block missing its content', () => {
    const text = storyText((story) => {
      story.headlin = 'Typo';
      story.body = [{ type: 'marquee' }, { type: 'paragraph' }];
    });
    const faults = faultsOf(text);
    expect(faults).toContain(
      'stories/x.json:17:7: body[0].type: not a known type; use one of "paragraph", "subheading", "blockquote", ' +
        '"pullquote", "image", "list", "embed", "divider"',
    );
    expect(faults).toContain('stories/x.json:19:5: body[1].content is required');
    expect(faults).toContain('stories/x.json:23:3: unknown field "headlin": check the spelling, or remove it');
  });

  it('keeps the schema’s own words after the field: too many related stories, an unsafe link', () => {
    const text = storyText((story) => {
      story.related = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      story.image = { src: 'javascript:alert(1)', alt: 'x' };
    });
    const faults = faultsOf(text);
    expect(faults).toContain('stories/x.json:9:3: related: List at most 6 related stories');
    expect(faults.find((fault) => fault.includes('image.src'))).toMatch(
      /^stories\/x\.json:\d+:5: image\.src: Invalid URL/,
    );
  });

  it('too long a text, and a number where text belongs, in an author file', () => {
    const author = { ...makeAuthor(), name: 'n'.repeat(121), role: 7 };
    expect(faultsOf(JSON.stringify(author, null, 2), AuthorFile)).toEqual([
      'stories/x.json:3:3: name: At most 120 characters',
      'stories/x.json:4:3: role: must be text in double quotes',
    ]);
  });

  it('invalid JSON: where it stops, not a character offset', () => {
    const text = '{\n  "slug": "x",\n  "section": "City"\n  "headline": "A"\n}';
    expect(faultsOf(text)).toEqual(['stories/x.json:4:3: not valid JSON: unexpected "\\"": expected "," or "}"']);
  });
});
