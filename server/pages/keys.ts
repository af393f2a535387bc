import { changeKey } from '../changes/keys';
import {
  sectionSlug,
  type AuthorPage,
  type SectionPage,
  type Story,
  type StoryPage,
  type StorySummary,
} from '../../src/schema';

/** A story as it appears in a list: its own data, its comment count and its author's name. */
const summaryKeys = (story: StorySummary) => [
  changeKey.story(story.slug),
  changeKey.comments(story.slug),
  changeKey.author(story.author.id),
];

const storyKeys = (story: Story) => [
  changeKey.story(story.slug),
  changeKey.comments(story.slug),
  changeKey.author(story.author.id),
  changeKey.section(sectionSlug(story.section)),
  ...story.related.flatMap(summaryKeys),
];

/**
 * The change-bus keys (server/changes/bus.ts) for one API answer a page was rendered from: whatever change would
 * alter that answer names one of them. A missing thing carries its key too, so its publication ends the 404.
 */
export function keysForApiAnswer(path: string, status: number, body: unknown): string[] {
  const url = new URL(path, 'http://local');
  const parts = url.pathname.split('/').slice(2).map(decodeURIComponent); // after "/api/"
  const found = status === 200;
  switch (parts[0]) {
    case 'stories':
      if (parts.length === 1)
        return [changeKey.front, ...(found ? (body as StoryPage).stories.flatMap(summaryKeys) : [])];
      if (parts[2] === 'comments' || parts[2] === 'updates') {
        return [changeKey.comments(parts[1]!), changeKey.story(parts[1]!)];
      }
      if (parts[2] === 'live') return [changeKey.story(parts[1]!)];
      return found ? storyKeys(body as Story) : [changeKey.story(parts[1]!)];
    case 'sections':
      if (parts.length === 1) return [changeKey.front];
      return [changeKey.section(parts[1]!), ...(found ? (body as SectionPage).stories.flatMap(summaryKeys) : [])];
    case 'authors':
      return [changeKey.author(parts[1]!), ...(found ? (body as AuthorPage).stories.flatMap(summaryKeys) : [])];
    default:
      // An answer this list does not know: the page is kept only until anything at all changes.
      return [changeKey.any];
  }
}
