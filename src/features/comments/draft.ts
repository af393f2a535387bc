import * as z from 'zod/mini';
import { removeStored, useStored, writeStored } from '../../lib/storage';

export interface Draft {
  text: string;
  name: string;
  email: string;
  website: string;
  remember: boolean;
}

export const emptyDraft: Draft = { text: '', name: '', email: '', website: '', remember: false };

const StoredDraft = z.object({
  text: z.string(),
  name: z.string(),
  email: z.string(),
  website: z.string(),
  remember: z.boolean(),
});
const Commenter = z.object({ name: z.string(), email: z.string(), website: z.string() });

const draftKey = (slug: string, parentId: number | null) => `byline:comment-draft:${slug}:${parentId ?? 'top'}`;
const COMMENTER_KEY = 'byline:commenter';

const parseDraft = (value: unknown) => StoredDraft.safeParse(value).data;
const parseCommenter = (value: unknown) => Commenter.safeParse(value).data;

/** What the reader typed for this story and reply target, or else the details they asked us to remember. */
export function useStoredDraft(slug: string, parentId: number | null): Draft | undefined {
  const draft = useStored(draftKey(slug, parentId), parseDraft);
  const commenter = useStored(COMMENTER_KEY, parseCommenter);
  if (draft) return draft;
  return commenter ? { ...emptyDraft, ...commenter, remember: true } : undefined;
}

export const saveDraft = (slug: string, parentId: number | null, draft: Draft) =>
  writeStored(draftKey(slug, parentId), draft);

/** Called only once the server has confirmed the comment. */
export function settleDraft(slug: string, parentId: number | null, draft: Draft) {
  removeStored(draftKey(slug, parentId));
  if (draft.remember) writeStored(COMMENTER_KEY, { name: draft.name, email: draft.email, website: draft.website });
  else removeStored(COMMENTER_KEY);
}
