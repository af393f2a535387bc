import { shareImage, type Block, type ImageVariants, type Inline } from '../../src/schema';
import { xmlText } from '../http';

/** A content address made absolute, as a feed reader needs it: site paths are resolved against the origin. */
export const absoluteUrl = (src: string, origin: string) => new URL(src, origin).toString();

function inline(runs: Inline[], origin: string): string {
  return runs
    .map((run) => {
      switch (run.type) {
        case 'text':
          return xmlText(run.text);
        case 'emphasis':
          return `<em>${xmlText(run.text)}</em>`;
        case 'strong':
          return `<strong>${xmlText(run.text)}</strong>`;
        case 'link':
          return `<a href="${xmlText(absoluteUrl(run.href, origin))}">${xmlText(run.text)}</a>`;
      }
    })
    .join('');
}

function image(
  item: {
    src: string;
    alt: string;
    width?: number;
    height?: number;
    caption?: string;
    credit?: string;
    variants?: ImageVariants;
  },
  origin: string,
): string {
  // A feed reader shows one size: the share card's 1200-wide JPEG, not a camera original.
  const { src, width, height } = shareImage(item);
  const size = width && height ? ` width="${width}" height="${height}"` : '';
  const caption = [item.caption, item.credit].filter(Boolean).map((text) => xmlText(text!));
  return (
    `<figure><img src="${xmlText(absoluteUrl(src, origin))}" alt="${xmlText(item.alt)}"${size}>` +
    (caption.length > 0 ? `<figcaption>${caption.join(' ')}</figcaption>` : '') +
    '</figure>'
  );
}

function block(item: Block, origin: string): string {
  switch (item.type) {
    case 'paragraph':
      return `<p>${inline(item.content, origin)}</p>`;
    case 'subheading':
      return `<h2>${xmlText(item.text)}</h2>`;
    case 'blockquote':
      return (
        `<blockquote><p>${inline(item.content, origin)}</p>` +
        (item.attribution ? `<footer>— ${xmlText(item.attribution)}</footer>` : '') +
        '</blockquote>'
      );
    case 'pullquote':
      // On the page a pull quote repeats words from the story; a feed reader shows the story once.
      return '';
    case 'image':
      return image(item, origin);
    case 'list': {
      const tag = item.ordered ? 'ol' : 'ul';
      return `<${tag}>${item.items.map((runs) => `<li>${inline(runs, origin)}</li>`).join('')}</${tag}>`;
    }
    case 'embed':
      return (
        `<blockquote cite="${xmlText(item.url)}">` +
        item.text
          .split(/\n{2,}/)
          .map((paragraph) => `<p>${xmlText(paragraph)}</p>`)
          .join('') +
        `<footer>${xmlText(item.author)} on ${xmlText(item.provider)}: <a href="${xmlText(item.url)}">view the original post</a></footer>` +
        '</blockquote>'
      );
    case 'divider':
      return '<hr>';
  }
}

/**
 * A story's full text as HTML for a feed's content:encoded, built from its blocks on the server: every piece of
 * text and every address is escaped, and no content is ever passed through as markup.
 */
export function storyHtml(
  story: { standfirst?: string; image?: Parameters<typeof image>[0]; body: Block[] },
  origin: string,
): string {
  return [
    story.standfirst ? `<p><strong>${xmlText(story.standfirst)}</strong></p>` : '',
    story.image ? image(story.image, origin) : '',
    ...story.body.map((item) => block(item, origin)),
  ].join('');
}
