import { describe, expect, it } from 'vitest';
import { newContext } from './context';
import { parseHtml } from './dom';
import { inlineRuns, normalizeRuns } from './inline';

const runs = (html: string, baseUrl?: string) => {
  const ctx = newContext({ baseUrl });
  return { content: inlineRuns(parseHtml(html), ctx), notes: ctx.notes };
};

describe('inlineRuns', () => {
  it('keeps links, emphasis and strong, with entities decoded', () => {
    expect(
      runs('Tea &amp; <em>cake</em> at <strong>four</strong>, <a href="https://example.org/">the caf&eacute;</a>')
        .content,
    ).toEqual([
      { type: 'text', text: 'Tea & ' },
      { type: 'emphasis', text: 'cake' },
      { type: 'text', text: ' at ' },
      { type: 'strong', text: 'four' },
      { type: 'text', text: ', ' },
      { type: 'link', href: 'https://example.org/', text: 'the café' },
    ]);
  });

  it('reads i and b as emphasis and strong, the outer style winning when nested', () => {
    expect(runs('<i>a <b>b</b></i> <b>c</b>').content).toEqual([
      { type: 'emphasis', text: 'a b' },
      { type: 'text', text: ' ' },
      { type: 'strong', text: 'c' },
    ]);
  });

  it('turns other inline tags into their text', () => {
    expect(runs('<span class="x">run</span> <code>npm</code> <abbr title="t">BBC</abbr>').content).toEqual([
      { type: 'text', text: 'run npm BBC' },
    ]);
  });

  it('keeps site paths, resolves relative links against the base, refuses other schemes', () => {
    const { content, notes } = runs(
      '<a href="/about/">a</a> <a href="page/">b</a> <a href="javascript:alert(1)">c</a> <a href="data:text/html,x">d</a> <a href="mailto:x@y.z">e</a>',
      'https://news.example/2026/01/post/',
    );
    expect(content).toEqual([
      { type: 'link', href: '/about/', text: 'a' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://news.example/2026/01/post/page/', text: 'b' },
      { type: 'text', text: ' c d e' },
    ]);
    expect(notes).toEqual(['removed javascript: link', 'removed data: link', 'removed mailto: link']);
  });

  it('sees through a scheme hidden by entities and control characters', () => {
    const { content, notes } = runs('<a href="java&#x09;script:alert(1)">x</a>');
    expect(content).toEqual([{ type: 'text', text: 'x' }]);
    expect(notes).toEqual(['removed javascript: link']);
  });

  it('drops script and style with their text, and notes them', () => {
    const { content, notes } = runs('safe <script>alert("x")</script><style>p{}</style>text');
    expect(content).toEqual([{ type: 'text', text: 'safe text' }]);
    expect(notes).toEqual(['removed <script>', 'removed <style>']);
  });

  it('collapses white space and moves spaces at a link edge outside it', () => {
    expect(runs('\n  Read <a href="/x"> the story </a>now\n').content).toEqual([
      { type: 'text', text: 'Read ' },
      { type: 'link', href: '/x', text: 'the story' },
      { type: 'text', text: ' now' },
    ]);
  });

  it('separates words of block children, as a browser shows them', () => {
    expect(runs('<p>one</p><p>two</p>').content).toEqual([{ type: 'text', text: 'one two' }]);
  });

  it('gives nothing for white space alone', () => {
    expect(runs(' &nbsp; <em> </em> ').content).toEqual([]);
  });
});

describe('normalizeRuns', () => {
  it('cuts a link text longer than the schema allows at a word', () => {
    const [link] = normalizeRuns([{ type: 'link', href: '/x', text: 'word '.repeat(200) }]);
    expect(link?.text.length).toBeLessThanOrEqual(500);
    expect(link?.text.endsWith('word…')).toBe(true);
  });
});
