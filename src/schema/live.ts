import * as z from 'zod/mini';
import { Block } from './blocks';
import { IsoDateTime, NonEmptyText, Slug } from './primitives';

/** A story covered as it happens: `live` while entries keep coming, `ended` once the desk stops. */
export const LiveCoverage = z.strictObject({
  status: z.enum(['live', 'ended']),
  startedAt: IsoDateTime,
  endedAt: z.optional(IsoDateTime),
});
export type LiveCoverage = z.infer<typeof LiveCoverage>;

/** One entry of a live story: in the story file's `entries`, or sent alone through the publishing API. */
export const LiveEntry = z.strictObject({
  id: Slug,
  at: IsoDateTime,
  title: z.optional(NonEmptyText(200)),
  blocks: z.array(Block).check(z.minLength(1, 'An entry needs at least one block'), z.maxLength(60)),
  /** The contributor's name as shown; a live desk's stringers need no author page. */
  author: z.optional(NonEmptyText(120)),
  keyEvent: z.optional(z.boolean()),
  pinned: z.optional(z.boolean()),
});
export type LiveEntry = z.infer<typeof LiveEntry>;

export const MAX_LIVE_ENTRIES = 3000;

const uniqueIds = (entries: readonly { id: string }[]) =>
  new Set(entries.map((entry) => entry.id)).size === entries.length;

/** A story file's entries: each id once. */
export const LiveEntries = z
  .array(LiveEntry)
  .check(
    z.maxLength(MAX_LIVE_ENTRIES, `At most ${MAX_LIVE_ENTRIES} entries`),
    z.refine(uniqueIds, 'Each entry needs its own id'),
  );

/** An entry sent through the API: without a time it keeps the one it has, or takes the moment it arrives. */
export const LiveEntryInput = z.extend(LiveEntry, { at: z.optional(IsoDateTime) });
export type LiveEntryInput = z.infer<typeof LiveEntryInput>;

/** A key event as the list at the top links to it: on which page of entries it is. */
export const KeyEvent = z.object({ id: z.string(), at: z.string(), title: z.optional(z.string()), page: z.number() });
export type KeyEvent = z.infer<typeof KeyEvent>;

/** One page of a live story's entries, newest first, with what is shown above them on every page. */
export const LivePage = z.object({
  live: LiveCoverage,
  /** The revision the page shows: updates are asked for after it. */
  rev: z.number(),
  pinned: z.nullable(LiveEntry),
  keyEvents: z.array(KeyEvent),
  entries: z.array(LiveEntry),
  page: z.number(),
  pageCount: z.number(),
  /** How often a reader's page asks for updates while the story is live. */
  pollSeconds: z.number(),
  /** Set when this deployment streams updates (LIVE_EVENTS): the page listens at /events, polling if that fails. */
  events: z.optional(z.boolean()),
});
export type LivePage = z.infer<typeof LivePage>;

/**
 * What changed after revision `since`: entries added or edited, ids removed, and the story's approved comment
 * count. `reload`: too much changed to send; the page is read again.
 */
export const LiveUpdates = z.object({
  rev: z.number(),
  live: z.nullable(LiveCoverage),
  changed: z.array(LiveEntry),
  removed: z.array(z.string()),
  commentCount: z.number(),
  /** How often pages are to ask, as the server is set (LIVE_POLL_SECONDS). */
  pollSeconds: z.number(),
  reload: z.optional(z.boolean()),
});
export type LiveUpdates = z.infer<typeof LiveUpdates>;
