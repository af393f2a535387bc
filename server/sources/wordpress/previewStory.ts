import * as z from 'zod/mini';
import { AuthorFile, StoryFile } from '../../../src/schema/content';
import type { WordPressClient } from './client';
import { embeddedRecords } from './embedded';
import { mapPost, unknownAuthor } from './map';
import { check, WpPost, WpRevision } from './schema';

/** A story for the preview page: everything a story has, checked the same way, but never related stories. */
export const PreviewStory = z.omit(StoryFile, { related: true });
export type PreviewStory = z.infer<typeof PreviewStory>;

export type PreviewResult =
  | { ok: true; story: PreviewStory; author: AuthorFile; status: string; notes: string[] }
  | { ok: false; reason: string };

/**
 * What an editor previews: a draft as it stands, or for a published post its newest autosave or revision (the
 * unsaved changes the Preview button shows) over the published post. Read with the application password;
 * converted and validated as a story is, and never stored. Call it only after the preview token checked out.
 */
export async function loadPreview(client: WordPressClient, postId: number): Promise<PreviewResult> {
  const post = check(WpPost, await client.draft(postId));
  if (!post.ok) return { ok: false, reason: `post ${postId}: ${post.reason}` };
  let source = post.value;
  if (source.status === 'publish') {
    const versions = (await Promise.all([client.latestAutosave(postId), client.latestRevision(postId)]))
      .map((raw) => (raw === undefined ? undefined : check(WpRevision, raw)))
      .flatMap((version) => (version?.ok ? [version.value] : []))
      .filter((version) => version.modified_gmt >= source.modified_gmt)
      .sort((a, b) => b.modified_gmt.localeCompare(a.modified_gmt) || b.id - a.id);
    const newest = versions[0];
    if (newest) {
      source = {
        ...source,
        title: newest.title,
        content: { ...source.content, rendered: newest.content.rendered },
        excerpt: newest.excerpt ?? source.excerpt,
        modified_gmt: newest.modified_gmt,
      };
    }
  }
  const records = embeddedRecords(source);
  const mapped = mapPost({
    post: source,
    author: records.author ?? unknownAuthor(source.author),
    terms: records.terms,
    featuredMedia: records.featuredMedia,
    related: [],
  });
  const { related: _related, ...candidate } = mapped.story;
  const story = check(PreviewStory, candidate);
  const author = check(AuthorFile, mapped.author);
  if (!story.ok) return { ok: false, reason: `post ${postId}: ${story.reason}` };
  if (!author.ok) return { ok: false, reason: `post ${postId}: author: ${author.reason}` };
  return {
    ok: true,
    story: story.value,
    author: author.value,
    status: source.status ?? 'unknown',
    notes: mapped.notes,
  };
}
