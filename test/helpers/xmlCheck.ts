/**
 * XML and feed checks with real, independent tools rather than our own parser:
 * - `xmllintCheck`: libxml2's `xmllint --noout -` (Debian's `libxml2-utils`), the reference for well-formedness.
 *   The document goes in on stdin, so nothing is written to disk; xmllint's messages name line and column.
 * - `parseFeed`: Python's feedparser (Debian's `python3-feedparser`), what many feed readers and aggregators
 *   use. It runs under /usr/bin/python3, the system interpreter that has Debian's packages, never whatever
 *   `python3` comes first on PATH (pyenv, a virtualenv) and lacks them; PYTHON3 overrides it (e.g. on a Mac).
 *   feedparser never throws on a bad feed: it sets `bozo` and `bozo_exception`, which we return as they are.
 *   The feed is passed as bytes on stdin so that feedparser treats it as a document (never as a URL to fetch)
 *   and honours the XML declaration's encoding; the script prints only plain strings as JSON.
 */
import { spawn } from 'node:child_process';

export interface ParsedFeed {
  /** feedparser's verdict: true when the feed is not well-formed or otherwise broken. */
  bozo: boolean;
  /** `ClassName: message` of feedparser's bozo_exception, or null. */
  bozoException: string | null;
  /** The feed's format as feedparser names it, e.g. `rss20`, `atom10` ('' when it could not tell). */
  version: string;
  feed: {
    title?: string;
    link?: string;
    language?: string;
    /** The channel's image (RSS <image>), each field as written. */
    image?: { href?: string; title?: string; link?: string; width?: string; height?: string };
  };
  entries: ParsedEntry[];
}

export interface ParsedEntry {
  title?: string;
  link?: string;
  /** guid (RSS) or id (Atom). */
  id?: string;
  author?: string;
  /** The terms of the categories. */
  tags: string[];
  /** The date as written in the feed; `publishedParsed` is feedparser's reading of it, as ISO 8601 UTC. */
  published?: string;
  publishedParsed?: string;
  /** When the item last changed (atom:updated in an RSS item), as feedparser reads it, ISO 8601 UTC. */
  updatedParsed?: string;
  summary?: string;
  /** The value of content:encoded (RSS) or content (Atom): the full text, HTML as a string. */
  content?: string;
  enclosures: { href?: string; type?: string; length?: string }[];
}

function run(
  command: string,
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the tool may exit before reading all of stdin; its exit code says why
    child.stdin.end(input);
  });
}

/** Throws, with xmllint's messages, unless `xml` is well-formed XML. */
export async function xmllintCheck(xml: string): Promise<void> {
  const { code, stdout, stderr } = await run('xmllint', ['--noout', '-'], xml);
  if (code !== 0) throw new Error(`xmllint: not well-formed (exit ${code}):\n${stderr}${stdout}`);
}

const script = String.raw`
import calendar, json, sys, time
import feedparser

d = feedparser.parse(sys.stdin.buffer.read())

def s(v):
    return v if isinstance(v, str) else None

def iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(calendar.timegm(t))) if t else None

exc = d.get('bozo_exception')
out = {
    'bozo': bool(d.get('bozo')),
    'bozoException': (type(exc).__name__ + ': ' + str(exc)) if exc else None,
    'version': d.get('version') or '',
    'feed': {
        **{k: s(d.feed.get(k)) for k in ('title', 'link', 'language')},
        'image': {k: str(v) for k, v in d.feed.image.items() if k in ('href', 'title', 'link', 'width', 'height')}
        if d.feed.get('image') else None,
    },
    'entries': [{
        'title': s(e.get('title')),
        'link': s(e.get('link')),
        'id': s(e.get('id')),
        'author': s(e.get('author')),
        'tags': [t.get('term') for t in e.get('tags', []) if t.get('term')],
        'published': s(e.get('published')),
        'publishedParsed': iso(e.get('published_parsed')),
        'updatedParsed': iso(e.get('updated_parsed')),
        'summary': s(e.get('summary')),
        'content': (e.get('content') or [{}])[0].get('value'),
        'enclosures': [{k: s(x.get(k)) for k in ('href', 'type', 'length')} for x in e.get('enclosures', [])],
    } for e in d.entries],
}
json.dump(out, sys.stdout)
`;

function dropNulls<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v))) as T;
}

/** Parses `xml` with Python's feedparser and returns what a feed reader would see. Never throws on a bad feed. */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const python = process.env.PYTHON3 ?? '/usr/bin/python3';
  const { code, stdout, stderr } = await run(python, ['-c', script], xml);
  if (code !== 0) throw new Error(`feedparser (${python}) failed (exit ${code}):\n${stderr}`);
  const parsed = JSON.parse(stdout) as ParsedFeed;
  // Absent fields are left out (not null) so tests can use toMatchObject/toEqual on what is there.
  return { ...dropNulls(parsed), bozoException: parsed.bozoException };
}
