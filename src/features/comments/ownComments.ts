import * as z from 'zod/mini';
import { useStored, writeStored } from '../../lib/storage';
import { PublicComment } from '../../schema';

/** Comments this reader posted that still await moderation: shown to them, and only to them, until approved. */
const key = (slug: string) => `byline:awaiting-moderation:${slug}`;
const Stored = z.array(PublicComment);

const parse = (value: unknown) => Stored.safeParse(value).data;

export const useOwnPending = (slug: string) => useStored(key(slug), parse) ?? [];

export const saveOwnPending = (slug: string, comments: PublicComment[]) => writeStored(key(slug), comments.slice(-20));
