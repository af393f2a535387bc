import { describe, expect, it } from 'vitest';
import { convertEmbedBlockquote, convertEmbedFigure, convertIframe, iframeOriginal } from './embed';
import { elementOf } from '../../../../test/doubles/wordpress/elementOf';

describe('convertEmbedFigure', () => {
  it('makes a card naming the provider when WordPress kept only the URL', () => {
    const { element, ctx } = elementOf(
      '<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">\nhttps://twitter.com/harbourtrust/status/1860000000000000000\n</div></figure>',
    );
    expect(convertEmbedFigure(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'Twitter',
        url: 'https://twitter.com/harbourtrust/status/1860000000000000000',
        author: 'Twitter',
        text: 'A post on Twitter',
      },
    ]);
    expect(ctx.notes).toEqual(['converted Twitter embed to a card']);
  });

  it('says video for a video embed and reads the provider from the block class', () => {
    const { element, ctx } = elementOf(
      '<figure class="wp-block-embed is-type-video wp-block-embed-youtube"><div class="wp-block-embed__wrapper">https://www.youtube.com/watch?v=abcdefghijk</div></figure>',
    );
    expect(convertEmbedFigure(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'YouTube',
        url: 'https://www.youtube.com/watch?v=abcdefghijk',
        author: 'YouTube',
        text: 'A video on YouTube',
      },
    ]);
  });

  it('reads the provider markup WordPress fetched, and keeps neither its script nor its frame', () => {
    const { element, ctx } = elementOf(
      '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper"><iframe src="https://www.youtube.com/embed/3bUtvUAeX8s?feature=oembed"></iframe></div><figcaption>The falls in spring</figcaption></figure>',
    );
    expect(convertEmbedFigure(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'YouTube',
        url: 'https://www.youtube.com/watch?v=3bUtvUAeX8s',
        author: 'YouTube',
        text: 'The falls in spring',
      },
    ]);
    expect(ctx.notes).toContain('removed <iframe>');
  });

  it('names an unknown provider by its host, and keeps the caption when there is no usable URL', () => {
    const named = elementOf(
      '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://www.example.com/p/1</div></figure>',
    );
    expect(convertEmbedFigure(named.element, named.ctx)[0]).toMatchObject({
      provider: 'example.com',
      author: 'example.com',
    });
    const broken = elementOf(
      '<figure class="wp-block-embed is-provider-x"><div class="wp-block-embed__wrapper">javascript:alert(1)</div><figcaption>Gone</figcaption></figure>',
    );
    expect(convertEmbedFigure(broken.element, broken.ctx)).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Gone' }] },
    ]);
    expect(broken.ctx.notes).toEqual(['left out a X embed without a usable address']);
  });
});

describe('convertEmbedBlockquote', () => {
  it('reads the text, author and status link of a classic tweet', () => {
    const { element, ctx } = elementOf(
      '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The lamps are lit. <a href="https://twitter.com/hashtag/harbour">#harbour</a></p>&mdash; Harbour Trust (@harbourtrust) <a href="https://twitter.com/harbourtrust/status/1">November 21, 2026</a></blockquote>',
    );
    expect(convertEmbedBlockquote(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'Twitter',
        url: 'https://twitter.com/harbourtrust/status/1',
        author: 'Harbour Trust (@harbourtrust)',
        text: 'The lamps are lit. #harbour',
      },
    ]);
  });

  it('reads a TikTok embed from its cite and author link', () => {
    const { element, ctx } = elementOf(
      '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@harbour/video/7" data-video-id="7"><section><a title="@harbour" href="https://www.tiktok.com/@harbour">@harbour</a> Lamps at dusk <a href="https://www.tiktok.com/tag/lamps">#lamps</a> <a href="https://www.tiktok.com/music/x">♬ original sound</a></section></blockquote>',
    );
    expect(convertEmbedBlockquote(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'TikTok',
        url: 'https://www.tiktok.com/@harbour/video/7',
        author: '@harbour',
        text: 'Lamps at dusk #lamps',
      },
    ]);
  });

  it('makes a card for an Instagram embed that only says "View this post"', () => {
    const { element, ctx } = elementOf(
      '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/"><div><a href="https://www.instagram.com/p/abc/">View this post on Instagram</a></div></blockquote>',
    );
    expect(convertEmbedBlockquote(element, ctx)).toEqual([
      {
        type: 'embed',
        provider: 'Instagram',
        url: 'https://www.instagram.com/p/abc/',
        author: 'Instagram',
        text: 'A post on Instagram',
      },
    ]);
  });
});

describe('iframes', () => {
  it('maps known players to the page a reader can open', () => {
    expect(iframeOriginal('//www.youtube-nocookie.com/embed/abc_-1?rel=0')).toEqual({
      slug: 'youtube',
      url: 'https://www.youtube.com/watch?v=abc_-1',
    });
    expect(iframeOriginal('https://player.vimeo.com/video/123')).toEqual({
      slug: 'vimeo',
      url: 'https://vimeo.com/123',
    });
    expect(iframeOriginal('https://evil.example/frame')).toBeUndefined();
  });
  it('removes any other frame, with a note', () => {
    const { element, ctx } = elementOf('<iframe src="https://evil.example/frame"></iframe>');
    expect(convertIframe(element, ctx)).toEqual([]);
    expect(ctx.notes).toEqual(['removed <iframe>']);
  });
});
