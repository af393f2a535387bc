import { chunks, KEYS_PER_STATEMENT } from './chunks';
import type { Kysely } from 'kysely';
import { sectionSlug } from '../../src/schema';
import { changeKey, type ChangeKey } from '../changes';
import type { Tables } from './tables';

// The change keys a story write touches, for the write path (content.ts) and the scheduler (schedule.ts) alike.

/** Every key a change to this story touches: its page, the lists it was and is in. */
export function storyKeys(keys: Set<ChangeKey>, story: { slug: string; section: string; author_id: string }) {
  keys.add(changeKey.story(story.slug));
  keys.add(changeKey.section(sectionSlug(story.section)));
  keys.add(changeKey.author(story.author_id));
  keys.add(changeKey.front);
  keys.add(changeKey.search);
}

/** The stories whose related rail lists one of these: their pages show the changed summaries. */
export async function linkedFrom(db: Kysely<Tables>, slugs: readonly string[], keys: Set<ChangeKey>) {
  for (const part of chunks(slugs, KEYS_PER_STATEMENT)) {
    const rows = await db.selectFrom('story_links').select('from_slug').where('to_slug', 'in', part).execute();
    for (const row of rows) keys.add(changeKey.story(row.from_slug));
  }
}
