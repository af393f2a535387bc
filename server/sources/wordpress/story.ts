import * as z from 'zod/mini';
import { StoryFile } from '../../../src/schema/content';
import { Slug } from '../../../src/schema/primitives';
import { RELATED_MAX } from '../related';

/**
 * A story as a WordPress sync stores it: a story file's rules, except that it may list fewer than three related
 * stories. WordPress has no related posts, so Byline picks them from the site, and a site of fewer than four
 * posts cannot give each story three: without this its stories would never be published. The rail shows what
 * there is, and nothing when there is none.
 */
export const WordPressStory = z.extend(StoryFile, {
  related: z.array(Slug).check(z.maxLength(RELATED_MAX, `List at most ${RELATED_MAX} related stories`)),
});
