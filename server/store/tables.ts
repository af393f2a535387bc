import type { Generated } from 'kysely';

/**
 * The tables, the same on SQLite and PostgreSQL: an operator's queries and the backup tools work on either.
 * Dates are ISO 8601 text in UTC, so they sort and compare the same way on both engines.
 */
export interface AuthorsTable {
  id: string;
  /** The validated author file, as JSON. */
  doc: string;
  content_hash: string;
  source: Generated<ContentSource>;
}

/** Where a story or author was published from; each source withdraws only its own. */
/** The database engine: SQLite for one server, PostgreSQL for several. */
export type Engine = 'sqlite' | 'postgres';

export type ContentSource = 'files' | 'api' | 'wordpress';

export interface StoriesTable {
  slug: string;
  author_id: string;
  section: string;
  published_at: string;
  reading_minutes: number;
  /** `{ story, summary }`: the validated story file and its precomputed summary, as JSON. */
  doc: string;
  content_hash: string;
  /** 1 once its source no longer has it: withdrawn, not deleted, so its comments survive its return. */
  withdrawn: number;
  source: Generated<ContentSource>;
  /** The hash of the content file it was read from (files only), so an unchanged file is not parsed again. */
  file_hash: string | null;
  /** JSON array of the origins its images come from, for the CSP's img-src. */
  image_origins: Generated<string>;
  /** Moves on every write to the story's live entries (server/store/liveEntries.ts). */
  live_rev: Generated<number>;
}

/** One entry of a live story; `doc` is the validated entry as JSON. */
export interface LiveEntriesTable {
  story_slug: string;
  id: string;
  /** The story's live_rev when this row last changed. */
  rev: number;
  at: string;
  /** 1: taken down; kept so that pages showing it learn to remove it. */
  removed: Generated<number>;
  pinned: Generated<number>;
  key_event: Generated<number>;
  doc: string;
}

/** A story (`from_slug`) lists another (`to_slug`) in its related rail. */
export interface StoryLinksTable {
  from_slug: string;
  to_slug: string;
}

/** A story's tag: `name` as that story spells it, `position` its place in the story's list. */
export interface StoryTagsTable {
  story_slug: string;
  tag_slug: string;
  name: string;
  position: number;
}

export interface CommentsTable {
  id: Generated<number>;
  story_slug: string;
  parent_id: number | null;
  depth: Generated<number>;
  name: string;
  email: string;
  website: string | null;
  text: string;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  ip_hash: string;
  user_agent: Generated<string>;
  created_at: string;
  /** The comment's id in WordPress, for comments imported from there: a re-sync adds nothing twice. */
  wordpress_id: number | null;
  /** The Idempotency-Key the post came with, if any, and the status its 201 told the poster. */
  idempotency_key: string | null;
  answered_status: 'pending' | 'approved' | 'spam' | 'trash' | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A synced WordPress post: its id for old `?p=` links and what the story schema has no place for. */
export interface WordPressPostsTable {
  id: number;
  slug: string;
  /** JSON arrays of names. */
  categories: string;
  tags: string;
  /** JSON arrays of their WordPress ids. */
  category_ids: Generated<string>;
  tag_ids: Generated<string>;
}

/** A file or WordPress post its source refused, one row per message, until it is fixed or removed. */
export interface ContentProblemsTable {
  source: 'files' | 'wordpress';
  /** The file's path under the content folder, or the WordPress post's id. */
  item: string;
  /** The message's place among the item's messages. */
  position: number;
  /** The JSON path in the file, when the message is about one field. */
  path: string;
  message: string;
  line: number | null;
  col: number | null;
  /** "not published" or "the last good version stays", when the source knows which. */
  outcome: string | null;
  found_at: string;
}

/** A running server, refreshed every few seconds: tools that replace the database refuse while one is there. */
export interface ServersTable {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  seen_at: string;
}

/** A named moderator: the sha256 of their token (hex), never the token itself. */
export interface ModeratorsTable {
  name: string;
  token_hash: string;
  created_at: string;
}

/** One moderation decision: which comment, what was done (approve, spam, trash), by whom and when. */
export interface ModerationDecisionsTable {
  id: Generated<number>;
  comment_id: number;
  action: string;
  moderator: string;
  decided_at: string;
}

export interface Tables {
  authors: AuthorsTable;
  stories: StoriesTable;
  story_links: StoryLinksTable;
  comments: CommentsTable;
  settings: SettingsTable;
  wordpress_posts: WordPressPostsTable;
  content_problems: ContentProblemsTable;
  servers: ServersTable;
  moderators: ModeratorsTable;
  moderation_decisions: ModerationDecisionsTable;
  live_entries: LiveEntriesTable;
  story_tags: StoryTagsTable;
  pages: PagesTable;
}

/** A standing page (src/schema/page.ts): at /pages/<slug>, withdrawn rather than deleted like a story. */
export interface PagesTable {
  slug: string;
  /** The validated page, without $schema, as JSON. */
  doc: string;
  content_hash: string;
  updated_at: string;
  withdrawn: number;
  source: ContentSource;
}
