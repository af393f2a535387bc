import { serverField } from '../../lib/hydrated';
import { removeStored, useStored, writeStored } from '../../lib/storage';

export interface Draft {
  text: string;
  name: string;
  email: string;
  website: string;
  remember: boolean;
  /**
   * The Idempotency-Key of this draft's post, made at the first attempt and kept (with the draft) until the
   * server has the comment: a retry after a lost answer is recognised as the same post. An edit drops it.
   */
  postKey?: string;
}

export const emptyDraft: Draft = { text: '', name: '', email: '', website: '', remember: false };

const isText = (value: unknown): value is string => typeof value === 'string';

// Stored data is checked by hand: it is read on first render, before the validation library is loaded.
function parseDraft(value: unknown): Draft | undefined {
  const draft = value as Partial<Draft> | null;
  if (![draft?.text, draft?.name, draft?.email, draft?.website].every(isText)) return undefined;
  return {
    ...(draft as Draft),
    remember: draft?.remember === true,
    postKey: typeof draft?.postKey === 'string' ? draft.postKey : undefined,
  };
}

function parseCommenter(value: unknown): Pick<Draft, 'name' | 'email' | 'website'> | undefined {
  const commenter = value as Partial<Draft> | null;
  if (![commenter?.name, commenter?.email, commenter?.website].every(isText)) return undefined;
  return { name: commenter!.name!, email: commenter!.email!, website: commenter!.website! };
}

const draftKey = (slug: string, parentId: number | null) => `byline:comment-draft:${slug}:${parentId ?? 'top'}`;
const COMMENTER_KEY = 'byline:commenter';

/** What the reader typed for this story and reply target, or else the details they asked us to remember. */
export function useStoredDraft(slug: string, parentId: number | null): Draft | undefined {
  const draft = useStored(draftKey(slug, parentId), parseDraft);
  const commenter = useStored(COMMENTER_KEY, parseCommenter);
  if (draft) return draft;
  return commenter ? { ...emptyDraft, ...commenter, remember: true } : undefined;
}

/** 128 random bits as hex: unique to this post whichever browser made it. */
export function newPostKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const saveDraft = (slug: string, parentId: number | null, draft: Draft) =>
  writeStored(draftKey(slug, parentId), draft);

/** Called only once the server has confirmed the comment. */
export function settleDraft(slug: string, parentId: number | null, draft: Draft) {
  removeStored(draftKey(slug, parentId));
  if (draft.remember) writeStored(COMMENTER_KEY, { name: draft.name, email: draft.email, website: draft.website });
  else removeStored(COMMENTER_KEY);
}

/**
 * What the reader typed into the server-rendered form (whose field ids start with `baseId`) before the app took
 * it over, or null when nothing was typed or this form is not being hydrated (no such fields in the page yet).
 */
export function typedBeforeHydration(baseId: string): Draft | null {
  const field = (name: string) => serverField(`${baseId}-${name}`);
  const [text, name, email, website, remember] = ['text', 'name', 'email', 'website', 'remember'].map(field);
  if (!text || !name || !email || !website || !remember) return null;
  const typed = {
    text: text.value,
    name: name.value,
    email: email.value,
    website: website.value,
    remember: remember.checked,
  };
  return typed.text || typed.name || typed.email || typed.website || typed.remember ? typed : null;
}
