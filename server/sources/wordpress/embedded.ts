import { check, WpMedia, type WpPost, WpTerm, WpUser } from './schema';

export interface EmbeddedRecords {
  author?: WpUser;
  terms: WpTerm[];
  featuredMedia?: WpMedia;
}

/**
 * The records WordPress embedded in a post (_embed=author,wp:featuredmedia,wp:term), each checked on its own:
 * an embedded error (a deleted user) or a plugin's taxonomy with odd ids is skipped, never the whole post.
 */
export function embeddedRecords(post: WpPost): EmbeddedRecords {
  const embedded = post._embedded ?? {};
  const author = check(WpUser, embedded.author?.[0]);
  const media = check(WpMedia, embedded['wp:featuredmedia']?.[0]);
  const terms = (embedded['wp:term'] ?? [])
    .flat()
    .map((raw) => check(WpTerm, raw))
    .flatMap((term) =>
      term.ok && (term.value.taxonomy === 'category' || term.value.taxonomy === 'post_tag') ? [term.value] : [],
    );
  return {
    author: author.ok && author.value.id === post.author ? author.value : undefined,
    terms,
    featuredMedia: media.ok && media.value.id === post.featured_media ? media.value : undefined,
  };
}
