import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Block } from '../../../../src/schema/blocks';
import { convertBody } from './body';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const samplePosts: { slug: string; content: { rendered: string } }[] = fixture(
  '../../../../test/fixtures/wordpress-sample/posts-embedded.json',
);
const samplePost = (slug: string) => samplePosts.find((post) => post.slug === slug)!.content.rendered;
const frontity = fixture('../../../../test/fixtures/wordpress-rest/frontity-wp-post-60-embedded.json');

const types = (blocks: Block[]) => blocks.map((block) => block.type);

describe('convertBody on real WordPress output', () => {
  it('converts the sample site post with embeds, list and quote, block by block', () => {
    const { blocks, notes } = convertBody(samplePost('breakwater-lamps-relit'));
    expect(types(blocks)).toEqual([
      'paragraph',
      'paragraph',
      'embed',
      'subheading',
      'list',
      'blockquote',
      'embed',
      'paragraph',
    ]);
    expect(blocks[7]).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'The lamps stay on from dusk until the last ferry is tied up & come back on at five for the fishing boats.',
        },
      ],
    });
    expect(notes).toEqual(['converted Twitter embed to a card (×2)', 'removed <script>']);
  });

  it('converts the table, the image from another origin and the separator', () => {
    const { blocks, notes } = convertBody(samplePost('ferry-timetable-winter'));
    expect(types(blocks)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'image',
      'subheading',
      'list',
      'divider',
      'paragraph',
    ]);
    expect(blocks[4]).toEqual({
      type: 'image',
      src: 'https://images.example.org/kettle-bay-ferry.jpg',
      alt: 'The ferry leaving the slipway',
      caption: 'The ferry leaving the slipway',
    });
    expect(notes).toEqual(['converted table to text', 'image without width and height']);
  });

  it('converts the pull quote and the YouTube embed', () => {
    expect(types(convertBody(samplePost('seal-tagging-results')).blocks)).toEqual([
      'paragraph',
      'pullquote',
      'embed',
      'paragraph',
    ]);
  });

  it('converts the classic-editor post of a real site (frontity fixture): captions, frames, tweets, Instagram, gallery', () => {
    const { blocks, notes } = convertBody(frontity.content.rendered, { baseUrl: frontity.link });
    expect(types(blocks)).toEqual([
      'paragraph',
      'paragraph',
      'subheading',
      'image',
      'paragraph',
      'blockquote',
      'paragraph',
      'embed',
      'list',
      'paragraph',
      'embed',
      'embed',
      'image',
      'image',
      'image',
      'image',
      'image',
    ]);
    expect(blocks[7]).toMatchObject({ provider: 'YouTube', url: 'https://www.youtube.com/watch?v=3bUtvUAeX8s' });
    expect(blocks[10]).toMatchObject({
      provider: 'Twitter',
      author: 'Traveling Ideas (@Travel_Places_)',
      text: 'Exploring Iceland pic.twitter.com/G5c2iVAKHg',
    });
    expect(blocks[11]).toMatchObject({
      provider: 'Instagram',
      author: 'LOVES ☆ AMAZING SCANDINAVIA (@loves_united_scandinavia)',
    });
    expect(notes).toContain('removed <iframe>');
    for (const block of blocks) expect(Block.safeParse(block).success).toBe(true);
  });
});

describe('hostile HTML', () => {
  const hostile = [
    '<p>Hello<script>document.cookie</script> <style>body{display:none}</style>world</p>',
    '<div onmouseover="alert(1)"><p onclick="steal()">Click</p></div>',
    '<p><a href="javascript:alert(2)">run</a> <a href=" JaVaScRiPt:alert(3)">run</a> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a></p>',
    '<img src=x onerror="alert(4)"><img src="javascript:alert(5)">',
    '<iframe src="https://evil.example/"></iframe><object data="evil.swf"><embed src="evil.swf"></object>',
    '<svg onload="alert(6)"><script>alert(7)</script><text>svg text</text></svg>',
    '<form action="https://evil.example/"><label>Your password</label><input name="pw"><button>Send</button></form>',
    '<noscript><img src="https://tracker.example/p.gif"></noscript><template><p>tpl</p></template><math>x</math>',
    '<p>ok<iframe srcdoc="&lt;script&gt;alert(8)&lt;/script&gt;"></iframe></p>',
  ].join('\n');

  it('removes scripts, styles, handlers, frames, forms, SVG, objects and bad URLs, and notes each kind', () => {
    const { blocks, notes } = convertBody(hostile, { baseUrl: 'https://news.example/post/' });
    const json = JSON.stringify(blocks);
    for (const word of [
      'alert',
      'cookie',
      'display:none',
      'javascript',
      'data:',
      'evil',
      'steal',
      'svg text',
      'tpl',
      'tracker',
      '<',
    ]) {
      expect(json).not.toContain(word);
    }
    expect(notes).toEqual(
      expect.arrayContaining([
        'removed <script>',
        'removed <style>',
        'removed event handler onmouseover on <div>',
        'removed event handler onclick on <p>',
        'removed javascript: link (×2)',
        'removed data: link',
        'removed javascript: image',
        'removed <iframe> (×2)',
        'removed <object>',
        'removed <svg>',
        'removed <form>',
        'removed <input>',
        'removed <button>',
        'removed <noscript>',
        'removed <template>',
        'removed <math>',
      ]),
    );
    for (const block of blocks) expect(Block.safeParse(block).success).toBe(true);
  });

  it('keeps the readable text around hostile markup', () => {
    const { blocks } = convertBody(hostile);
    const text = JSON.stringify(blocks);
    for (const kept of ['Hello world', 'Click', 'run run data', 'Your password', 'ok']) expect(text).toContain(kept);
  });
});

describe('convertBody structure', () => {
  it('splits a paragraph around an image, a linked image and a frame', () => {
    const { blocks } = convertBody(
      '<p>Before <img src="/a.jpg" width="4" height="3" alt="A"> middle <a href="/full.jpg"><img src="/b.jpg" width="4" height="3"></a> after</p>',
    );
    expect(types(blocks)).toEqual(['paragraph', 'image', 'paragraph', 'image', 'paragraph']);
  });

  it('turns unknown elements into their text, with a note', () => {
    const { blocks, notes } = convertBody(
      '<dl><dt>Tide</dt><dd>High</dd></dl><pre>  npm   start </pre><custom-box><p>Inside</p></custom-box>',
    );
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Tide High' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'npm start' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Inside' }] },
    ]);
    expect(notes).toEqual(['converted <dl> to text', 'converted <pre> to text', 'converted <custom-box> to text']);
  });

  it('keeps dividers only between content, from hr and the separator block', () => {
    const { blocks } = convertBody('<hr><p>a</p><hr class="wp-block-separator"/><hr><p>b</p><hr>');
    expect(types(blocks)).toEqual(['paragraph', 'divider', 'paragraph']);
  });

  it('gives bare text at the top level a paragraph and skips empty paragraphs', () => {
    const { blocks } = convertBody('Loose <em>text</em>\n<p>&nbsp;</p><!-- wp:paragraph -->');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Loose ' },
          { type: 'emphasis', text: 'text' },
        ],
      },
    ]);
  });
});
