import { shareImage, type LiveEntry } from '../../src/schema';
import type { Site } from '../../src/schema/site';
import { absoluteUrl, storyHtml } from './html';
import { xmlText } from '../http';
import type { FeedStory } from '../store';

export const FEED_SIZE = 50;

/**
 * How many of a live story's newest entries its item carries. A live story is one item, not one per entry:
 * a busy desk writes hundreds of entries a day, and items of their own would push every other story out of a
 * 50-item feed; readers and aggregators also know a live blog as one article (its guid stays the story's).
 */
export const FEED_LIVE_ENTRIES = 10;

/** A story as an item shows it: a live one with its newest entries (newest first), as the route read them. */
export type FeedItem = FeedStory & { latestEntries?: readonly LiveEntry[] };

/** The channel's image: the site's icon, served at this size for feeds (RSS 2.0 allows at most 144 wide). */
export const CHANNEL_IMAGE = { path: '/icon-144.png', size: 144 } as const;

export interface FeedChannel {
  /** The channel's title: the site's name, or "<section> — <site>". */
  title: string;
  description: string;
  /** The page the feed stands for, as a site path ("/", "/sections/city"). */
  path: string;
  /** The feed's own path ("/feed.xml"). */
  feedPath: string;
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

const imageTypes: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** The media type an image address implies by its extension; JPEG, the common case, when it names none. */
export function imageType(src: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(src, 'http://x').pathname)?.[1]?.toLowerCase() ?? '';
  return imageTypes[extension] ?? 'image/jpeg';
}

/** A live story's newest entries above its text: each a heading linking to the entry on the story's page. */
function latestEntriesHtml(story: FeedItem, link: string, origin: string): string {
  const entries = story.latestEntries ?? [];
  if (!story.live || entries.length === 0) return '';
  const state = story.live.status === 'live' ? 'Live' : 'Live coverage ended';
  return [
    `<p><strong>${state}</strong>: the latest updates, newest first.</p>`,
    ...entries.map((entry) => {
      const when = rfc822(entry.at);
      const heading = entry.title ? `${entry.title} (${when})` : when;
      return (
        `<h3><a href="${xmlText(`${link}#entry-${entry.id}`)}">${xmlText(heading)}</a></h3>` +
        (entry.author ? `<p>${xmlText(entry.author)}</p>` : '') +
        storyHtml({ body: entry.blocks }, origin)
      );
    }),
    '<hr>',
  ].join('');
}

/** When the item last changed: its newest entry, when that is later than the story's own change. */
const itemUpdated = (story: FeedItem) => {
  const own = story.updatedAt ?? story.publishedAt;
  const entry = story.latestEntries?.[0]?.at;
  return entry && Date.parse(entry) > Date.parse(own) ? entry : own;
};

function item(story: FeedItem, origin: string): string {
  const link = absoluteUrl(`/stories/${story.slug}`, origin);
  // An enclosure must say its length truly: the shared 1200-wide variant's size is not known until it is made,
  // and an image of unknown size (another server's) has none; a file this server serves as it is has its own.
  const card = story.image && shareImage(story.image);
  const enclosure =
    story.image && card && card.src === story.image.src && story.imageBytes !== undefined
      ? `<enclosure url="${xmlText(absoluteUrl(card.src, origin))}" length="${story.imageBytes}" ` +
        `type="${card.type ?? imageType(card.src)}"/>`
      : '';
  return [
    '<item>',
    `<title>${xmlText(story.headline)}</title>`,
    `<link>${xmlText(link)}</link>`,
    `<guid isPermaLink="true">${xmlText(link)}</guid>`,
    `<pubDate>${rfc822(story.publishedAt)}</pubDate>`,
    `<dc:creator>${xmlText(story.authorName)}</dc:creator>`,
    `<category>${xmlText(story.section)}</category>`,
    ...(story.tags ?? []).map((tag) => `<category>${xmlText(tag.name)}</category>`),
    `<description>${xmlText(story.standfirst ?? story.excerpt)}</description>`,
    `<content:encoded>${xmlText(latestEntriesHtml(story, link, origin) + storyHtml(story, origin))}</content:encoded>`,
    // Readers that track changes see a live story's item move with each entry; its guid stays the same.
    story.latestEntries?.length ? `<atom:updated>${new Date(itemUpdated(story)).toISOString()}</atom:updated>` : '',
    enclosure,
    '</item>',
  ].join('');
}

/** An RSS 2.0 document with full text (content:encoded), authors (dc:creator), categories and lead images. */
export function rssFeed(site: Site, origin: string, channel: FeedChannel, stories: FeedItem[]): string {
  const newest = stories.reduce<string | undefined>((latest, story) => {
    const changed = itemUpdated(story);
    return !latest || Date.parse(changed) > Date.parse(latest) ? changed : latest;
  }, undefined);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ',
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlText(channel.title)}</title>`,
    `<link>${xmlText(absoluteUrl(channel.path, origin))}</link>`,
    `<description>${xmlText(channel.description)}</description>`,
    `<language>${xmlText(site.language.toLowerCase())}</language>`,
    // The site's icon, at the largest width RSS 2.0 allows a channel image.
    `<image><url>${xmlText(absoluteUrl(CHANNEL_IMAGE.path, origin))}</url><title>${xmlText(channel.title)}</title>`,
    `<link>${xmlText(absoluteUrl(channel.path, origin))}</link>`,
    `<width>${CHANNEL_IMAGE.size}</width><height>${CHANNEL_IMAGE.size}</height></image>`,
    `<atom:link href="${xmlText(absoluteUrl(channel.feedPath, origin))}" rel="self" type="application/rss+xml"/>`,
    newest ? `<lastBuildDate>${rfc822(newest)}</lastBuildDate>` : '',
    ...stories.map((story) => item(story, origin)),
    '</channel>',
    '</rss>\n',
  ].join('');
}
