import { useStored, writeStored } from '../../lib/storage';
import type { PublicComment } from '../../schema';

/** Comments this reader posted that still await moderation: shown to them, and only to them, until approved. */
const key = (slug: string) => `byline:awaiting-moderation:${slug}`;

const isComment = (value: unknown): value is PublicComment => {
  const comment = value as Partial<PublicComment> | null;
  return (
    typeof comment?.id === 'number' &&
    (comment.parentId === null || typeof comment.parentId === 'number') &&
    typeof comment.name === 'string' &&
    (comment.website === null || typeof comment.website === 'string') &&
    typeof comment.text === 'string' &&
    typeof comment.createdAt === 'string'
  );
};

// Stored data is checked by hand: this runs on first render, before the validation library is loaded.
const parse = (value: unknown) => (Array.isArray(value) ? value.filter(isComment) : undefined);

export const useOwnPending = (slug: string) => useStored(key(slug), parse) ?? [];

export const saveOwnPending = (slug: string, comments: PublicComment[]) => writeStored(key(slug), comments.slice(-20));
