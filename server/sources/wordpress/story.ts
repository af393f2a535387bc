import * as z from 'zod/mini';
import { StoryFile } from '../../../src/schema/content';
import { Slug } from '../../../src/schema/primitives';
import { RELATED_MAX } from '../../content';

/**
 * A story as a WordPress sync stores it: a story file's rules, with `related` always given. WordPress has no
 * related posts, so the sync picks them from the site (server/content/related.ts) and stores the list; a site of
 * fewer than four posts gives fewer than three, and the rail shows what there is.
 */
export const WordPressStory = z.extend(StoryFile, {
  related: z.array(Slug).check(z.maxLength(RELATED_MAX, `List at most ${RELATED_MAX} related stories`)),
});
