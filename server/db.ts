import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** Each entry moves the schema one version forward; never edit a shipped entry, append a new one. */
const migrations: string[] = [
  `CREATE TABLE authors (
     id TEXT PRIMARY KEY,
     doc TEXT NOT NULL,
     content_hash TEXT NOT NULL
   );
   CREATE TABLE stories (
     slug TEXT PRIMARY KEY,
     author_id TEXT NOT NULL,
     section TEXT NOT NULL,
     published_at TEXT NOT NULL,
     reading_minutes INTEGER NOT NULL,
     doc TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     withdrawn INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX stories_feed ON stories (withdrawn, published_at DESC, slug DESC);
   CREATE INDEX stories_by_author ON stories (author_id, published_at DESC);
   CREATE TABLE comments (
     id INTEGER PRIMARY KEY,
     story_slug TEXT NOT NULL REFERENCES stories (slug),
     parent_id INTEGER REFERENCES comments (id),
     depth INTEGER NOT NULL DEFAULT 1,
     name TEXT NOT NULL,
     email TEXT NOT NULL,
     website TEXT,
     text TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
     ip_hash TEXT NOT NULL,
     user_agent TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL
   );
   CREATE INDEX comments_by_story ON comments (story_slug, status, id);
   CREATE INDEX comments_by_email ON comments (email, status);
   CREATE INDEX comments_by_ip ON comments (ip_hash, created_at);
   CREATE INDEX comments_by_status ON comments (status, id);
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL makes every committed transaction durable before we acknowledge it (a 201 means on disk).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
