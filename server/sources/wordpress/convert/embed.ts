import type { Element } from 'domhandler';
import type { Block } from '../../../../src/schema/blocks';
import type { ConvertContext } from './context';
import { classList, descendants, hasClass, isElement, isText, textOf } from './dom';
import { noteRemoved, safeUrl } from './hostile';
import { cleanText, truncateAtWord } from './text';

/** Display names of WordPress's embed providers, by the slug in its classes. Others are title-cased. */
const PROVIDER_NAMES: Record<string, string> = {
  twitter: 'Twitter',
  x: 'X',
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  facebook: 'Facebook',
  spotify: 'Spotify',
  soundcloud: 'SoundCloud',
  flickr: 'Flickr',
  reddit: 'Reddit',
  tumblr: 'Tumblr',
  wordpress: 'WordPress',
  'wordpress-tv': 'WordPress.tv',
  dailymotion: 'Dailymotion',
  imgur: 'Imgur',
  mixcloud: 'Mixcloud',
  pinterest: 'Pinterest',
  slideshare: 'SlideShare',
  ted: 'TED',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  videopress: 'VideoPress',
  'pocket-casts': 'Pocket Casts',
  'speaker-deck': 'Speaker Deck',
  smugmug: 'SmugMug',
  'amazon-kindle': 'Amazon Kindle',
};

export const providerName = (slug: string): string =>
  PROVIDER_NAMES[slug] ?? slug.replace(/-/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase());

/** Classic embed codes: a blockquote that the provider's script turns into a widget, by its class. */
const EMBED_BLOCKQUOTES: Record<string, string> = {
  'twitter-tweet': 'twitter',
  'twitter-video': 'twitter',
  'instagram-media': 'instagram',
  'tiktok-embed': 'tiktok',
  'reddit-card': 'reddit',
  'reddit-embed-bq': 'reddit',
  'bluesky-embed': 'bluesky',
  'mastodon-embed': 'mastodon',
  'fb-xfbml-parse-ignore': 'facebook',
  'tumblr-post': 'tumblr',
  'imgur-embed-pub': 'imgur',
  'text-post-media': 'threads',
  'wp-embedded-content': 'wordpress',
};

/** The provider slug of a classic embed blockquote, or undefined for an ordinary quotation. */
export const embedBlockquoteProvider = (element: Element): string | undefined =>
  classList(element)
    .map((name) => EMBED_BLOCKQUOTES[name])
    .find(Boolean);

export const isEmbedFigure = (element: Element): boolean => hasClass(element, 'wp-block-embed');

interface EmbedParts {
  provider: string;
  url: string | undefined;
  text?: string;
  author?: string;
  kind?: string;
}

/** A card for the embedded post: its text and author when known, else one that names the provider. */
function embedBlock(parts: EmbedParts, ctx: ConvertContext): Block[] {
  const provider = truncateAtWord(parts.provider, 60);
  if (!parts.url) {
    ctx.notes.push(`left out a ${provider} embed without a usable address`);
    return parts.text
      ? [{ type: 'paragraph', content: [{ type: 'text', text: truncateAtWord(parts.text, 2000) }] }]
      : [];
  }
  const text = parts.text ? truncateAtWord(parts.text, 2000) : `A ${parts.kind ?? 'post'} on ${provider}`;
  const author = parts.author ? truncateAtWord(parts.author, 120) : provider;
  ctx.notes.push(`converted ${provider} embed to a card`);
  return [{ type: 'embed', provider, url: parts.url, author, text }];
}

const hostName = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
};

/** Address, text and author of a classic embed blockquote, read the way each provider writes its markup. */
function blockquoteParts(element: Element, slug: string, ctx: ConvertContext): EmbedParts {
  const anchors = descendants(element.children).filter((child) => child.name === 'a');
  const linkOf = (anchor: Element | undefined) => safeUrl(anchor?.attribs.href, ctx);
  const provider = providerName(slug);
  const permalink = safeUrl(element.attribs.cite ?? element.attribs['data-instgrm-permalink'], ctx);

  if (slug === 'twitter') {
    // <p>tweet</p>&mdash; Name (@handle) <a href=".../status/1">date</a>
    const tweet = descendants(element.children).find((child) => child.name === 'p');
    const dateLink = anchors.at(-1);
    const byline = cleanText(textOf(element.children, (child) => child === tweet || child === dateLink));
    return {
      provider,
      url: permalink ?? linkOf(dateLink),
      text: tweet ? cleanText(textOf(tweet.children)) : undefined,
      author: byline.replace(/^[—–-]+\s*/, '') || undefined,
    };
  }
  if (slug === 'instagram') {
    // "A post shared by Name (@handle) on Jan 7, 2018": the caption is the first link's text, when there is one.
    const sharedBy = descendants(element.children).find(
      (child) => child.name === 'p' && cleanText(textOf(child.children)).startsWith('A post shared by'),
    );
    const sharedText = sharedBy ? cleanText(textOf(sharedBy.children)).replace(/^A post shared by\s*/, '') : '';
    const caption = cleanText(textOf(anchors[0]?.children ?? []));
    return {
      provider,
      url: permalink ?? linkOf(anchors[0]),
      text: caption && !/^View this post on Instagram$/i.test(caption) ? caption : undefined,
      author: sharedText.replace(/\s+on\s+[^()]*$/, '') || undefined,
    };
  }
  if (slug === 'tiktok') {
    // <section><a title="@user">@user</a> caption <a>#tag</a> <a>♬ sound</a></section>
    const user = anchors.find((anchor) => cleanText(textOf(anchor.children)).startsWith('@'));
    const sound = anchors.find((anchor) => cleanText(textOf(anchor.children)).startsWith('♬'));
    return {
      provider,
      url: permalink ?? linkOf(user),
      text: cleanText(textOf(element.children, (child) => child === user || child === sound)) || undefined,
      author: user ? cleanText(textOf(user.children)) : undefined,
    };
  }
  const firstParagraph = descendants(element.children).find((child) => child.name === 'p');
  return {
    provider,
    url: permalink ?? linkOf(anchors.at(-1)),
    text: cleanText(textOf(firstParagraph ? firstParagraph.children : element.children)) || undefined,
  };
}

/** A classic embed blockquote (twitter-tweet, instagram-media, tiktok-embed, …) as a card. */
export function convertEmbedBlockquote(element: Element, ctx: ConvertContext): Block[] {
  const slug = embedBlockquoteProvider(element) ?? 'embed';
  return embedBlock(blockquoteParts(element, slug, ctx), ctx);
}

/** Where a frame of a known video or audio player points, as the page a reader can open instead. */
export function iframeOriginal(src: string | undefined): { slug: string; url: string } | undefined {
  let url: URL;
  try {
    url = new URL(src?.startsWith('//') ? `https:${src}` : (src ?? ''));
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '');
  const youtube = /^\/embed\/([\w-]+)/.exec(url.pathname)?.[1];
  if ((host === 'youtube.com' || host === 'youtube-nocookie.com') && youtube) {
    return { slug: 'youtube', url: `https://www.youtube.com/watch?v=${youtube}` };
  }
  const vimeo = /^\/video\/(\d+)/.exec(url.pathname)?.[1];
  if (host === 'player.vimeo.com' && vimeo) return { slug: 'vimeo', url: `https://vimeo.com/${vimeo}` };
  if (host === 'open.spotify.com' && url.pathname.startsWith('/embed/')) {
    return { slug: 'spotify', url: `https://open.spotify.com/${url.pathname.slice('/embed/'.length)}` };
  }
  return undefined;
}

/** A frame from a known player becomes a card linking to the original; any other frame is removed. */
export function convertIframe(element: Element, ctx: ConvertContext): Block[] {
  noteRemoved(element, ctx);
  const original = iframeOriginal(element.attribs.src);
  if (!original) return [];
  return embedBlock({ provider: providerName(original.slug), url: original.url, kind: kindOf(original.slug) }, ctx);
}

const kindOf = (slug: string) => (slug === 'youtube' || slug === 'vimeo' ? 'video' : undefined);

/**
 * The block editor's embed figure. When WordPress could not fetch the oEmbed, the wrapper holds the bare URL;
 * when it could, it holds the provider's markup (a blockquote, or an iframe), which is read, never kept.
 */
export function convertEmbedFigure(figure: Element, ctx: ConvertContext): Block[] {
  const classes = classList(figure);
  const slug =
    classes.map((name) => /^is-provider-(.+)$/.exec(name)?.[1]).find(Boolean) ??
    classes.map((name) => /^wp-block-embed-(?!_)(.+)$/.exec(name)?.[1]).find(Boolean);
  const kind = classes.map((name) => /^is-type-(video|photo)$/.exec(name)?.[1]).find(Boolean);
  const wrapper = descendants(figure.children).find((child) => hasClass(child, 'wp-block-embed__wrapper')) ?? figure;
  const caption = descendants(figure.children).find((child) => child.name === 'figcaption');
  const captionText = caption ? cleanText(textOf(caption.children)) : '';

  const inner = wrapper.children.filter(isElement);
  for (const element of descendants(inner))
    if (element.name === 'script' || element.name === 'iframe') noteRemoved(element, ctx);
  const quote = descendants(inner).find((element) => element.name === 'blockquote');
  const frame = descendants(inner).find((element) => element.name === 'iframe');
  const quoteParts = quote ? blockquoteParts(quote, embedBlockquoteProvider(quote) ?? slug ?? 'embed', ctx) : undefined;
  // Only the wrapper's own text: the URL WordPress writes there when it has no markup for it.
  const bareUrl = safeUrl(
    cleanText(
      wrapper.children
        .filter(isText)
        .map((node) => node.data)
        .join(' '),
    ),
    ctx,
  );
  const url = bareUrl ?? quoteParts?.url ?? iframeOriginal(frame?.attribs.src)?.url;
  const provider = slug ? providerName(slug) : (hostName(url) ?? 'Embed');

  return embedBlock({ provider, url, text: captionText || quoteParts?.text, author: quoteParts?.author, kind }, ctx);
}
