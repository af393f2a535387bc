import { describe, expect, it } from 'vitest';
import { commentText } from '../comments';
import { convertBody, MAX_BODY_LENGTH } from './body';
import { MAX_DEPTH } from './dom';

describe('the WordPress converters on hostile posts and comments', () => {
  it('turns links and images the URL rule refuses into text, never passing them on', () => {
    const { blocks, notes } = convertBody(
      '<p>See <a href="https:evil.example">one</a>, <a href="/\\evil.example/x">two</a>, ' +
        '<a href="/&#9;/x">three</a> and <a href="https://ok.example/x">four</a>.</p>' +
        '<figure><img src="/\\evil.example/i.jpg" alt="Harbour" width="10" height="10"><figcaption>The quay</figcaption></figure>' +
        '<figure><img src="https:evil.example/i.jpg" alt="Boat" width="10" height="10"></figure>',
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'See one, two, three and ' },
          { type: 'link', href: 'https://ok.example/x', text: 'four' },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'The quay' }] },
    ]);
    expect(notes).toEqual(['removed link with unusable address (×3)', 'removed image with unusable address (×2)']);
  });

  it('converts 5,000 nested divs (55 KB) without overflowing the stack, the deep part as its text', () => {
    const html = `${'<div>'.repeat(5000)}<p>Deep <em>down</em> <a href="/stories/a">here</a></p>${'</div>'.repeat(5000)}`;
    expect(html.length).toBeGreaterThan(55_000);
    const { blocks, notes } = convertBody(`<p>Before.</p>${html}<p>After.</p>`);
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Deep down here' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'After.' }] },
    ]);
    expect(notes).toEqual([`flattened to text what was nested over ${MAX_DEPTH} deep`]);
  });

  it('keeps the structure of content nested less than the limit', () => {
    const html = `${'<div>'.repeat(MAX_DEPTH - 2)}<p>Near <a href="/stories/a">the limit</a></p>${'</div>'.repeat(MAX_DEPTH - 2)}`;
    const { blocks, notes } = convertBody(html);
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Near ' },
          { type: 'link', href: '/stories/a', text: 'the limit' },
        ],
      },
    ]);
    expect(notes).toEqual([]);
  });

  it('survives deep inline nesting, lists and quotes too', () => {
    const nestings: [string, string][] = [
      ['<em>', '</em>'],
      ['<span>', '</span>'],
      ['<ul><li>', '</li></ul>'],
      ['<blockquote>', '</blockquote>'],
      ['<table><tr><td>', '</td></tr></table>'],
    ];
    for (const [open, close] of nestings) {
      const { blocks } = convertBody(`<p>${open.repeat(5000)}word${close.repeat(5000)}</p>`);
      expect(JSON.stringify(blocks), open).toContain('word');
      expect(JSON.stringify(blocks).length, open).toBeLessThan(2_000);
    }
  });

  it('reads a comment of 5,000 nested elements as its text, without overflowing the stack', () => {
    expect(commentText(`<p>Hi</p>${'<div><b>'.repeat(2500)}there${'</b></div>'.repeat(2500)}`)).toBe('Hi\n\nthere');
  });

  it('refuses a post longer than it converts, saying so', () => {
    expect(() => convertBody(`<p>${'x'.repeat(MAX_BODY_LENGTH)}</p>`)).toThrow(
      `its content is ${MAX_BODY_LENGTH + 7} characters, more than the ${MAX_BODY_LENGTH} converted`,
    );
  });
});
