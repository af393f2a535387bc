import { readFileSync } from 'node:fs';
import { listPage, type Reply } from './testServer';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/wordpress-sample/${name}`, import.meta.url), 'utf8'));

/** The slugs of the sample site's published posts (test/fixtures/wordpress-sample/, and test/wordpress/sample-site.json). */
export const SAMPLE_SLUGS = [
  'breakwater-lamps-relit',
  'ferry-timetable-winter',
  'old-template-notice',
  'quay-street-trial',
  'seal-tagging-results',
  'storm-drain-sensors',
];

export type Post = {
  id: number;
  slug: string;
  modified_gmt: string;
  date_gmt: string;
  title: { rendered: string };
  [key: string]: unknown;
};
export type Comment = { id: number; date_gmt: string; [key: string]: unknown };

/**
 * A stand-in WordPress serving the sample site's real responses, answering the queries the client makes
 * (modified_after, after, include, _fields, paging) the way WordPress does, with data a test can change.
 */
export class FakeWordPress {
  posts: Post[] = fixture('posts-embedded.json');
  comments: Comment[] = fixture('comments.json');
  media: { id: number }[] = fixture('media.json');
  failing: ((url: URL) => Reply | undefined) | undefined;

  reply(url: URL): Reply {
    const forced = this.failing?.(url);
    if (forced) return forced;
    const query = url.searchParams;
    const page = Number(query.get('page') ?? 1);
    const perPage = Number(query.get('per_page') ?? 10);
    const route = url.pathname.replace('/wp-json/wp/v2/', '');
    if (route === 'posts') {
      const after = query.get('modified_after');
      const include = query.get('include')?.split(',').map(Number);
      let posts = after ? this.posts.filter((post) => `${post.modified_gmt}Z` > after) : [...this.posts];
      if (include) posts = posts.filter((post) => include.includes(post.id));
      if (query.get('orderby') === 'modified') posts.sort((a, b) => b.modified_gmt.localeCompare(a.modified_gmt));
      const fields = query.get('_fields')?.split(',');
      if (fields) posts = posts.map((post) => Object.fromEntries(fields.map((field) => [field, post[field]])) as Post);
      else posts = posts.map((post) => (query.get('_embed') ? post : { ...post, _embedded: undefined }));
      return listPage(posts, page, perPage);
    }
    if (route === 'comments') {
      const after = query.get('after');
      const posts = query.get('post')?.split(',').map(Number);
      let comments = after ? this.comments.filter((comment) => `${comment.date_gmt}Z` > after) : this.comments;
      if (posts) comments = comments.filter((comment) => posts.includes(comment.post as number));
      return listPage(comments, page, perPage);
    }
    if (route === 'media') {
      const ids = (query.get('include') ?? '').split(',').map(Number);
      return listPage(
        this.media.filter((item) => ids.includes(item.id)),
        1,
        perPage,
      );
    }
    return { status: 404, body: { code: 'rest_no_route' } };
  }
}
