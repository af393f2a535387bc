import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../lib/api';
import { Field } from '../../lib/Field';
import { useHydrated } from '../../lib/hydrated';
import type { CommentFields, CommentInput, PostedComment } from '../../schema';
import type { CommentFormState } from '../../schema/render';
import { commentRequestBytes, MAX_COMMENT_REQUEST_BYTES, tooLargeMessage } from '../../schema/limits';
import {
  emptyDraft,
  newPostKey,
  saveDraft,
  settleDraft,
  typedBeforeHydration,
  useStoredDraft,
  type Draft,
} from './draft';
import { postComment } from './queries';

interface Props {
  slug: string;
  /** The comment being replied to, or null for a new top-level comment. */
  replyTo: { id: number; name: string } | null;
  onCancelReply?: () => void;
  onPosted: (posted: PostedComment) => void;
  /** The server's answer to this form posted without JavaScript: its errors and what was typed, or its success. */
  result?: CommentFormState;
}

type FieldErrors = Partial<Record<CommentFields, string>>;

const FIELD_ORDER = ['text', 'name', 'email', 'website'] as const;

function messageFor(error: unknown): { text: string; canRetry: boolean } {
  if (error instanceof ApiRequestError) {
    if (error.status === 429 || error.status === 409) return { text: error.message, canRetry: error.status === 429 };
    if (error.status === 0) {
      return {
        text: 'We could not reach the server, so your comment was not posted. It is saved in this browser.',
        canRetry: true,
      };
    }
    if (error.code === 'unavailable') {
      // The server said why (its database is away for a moment), so the reader hears that, not a vague failure.
      return {
        text: 'Your comment was not posted: our database is not answering for a moment. It is saved in this browser; please try again shortly.',
        canRetry: true,
      };
    }
    if (error.status >= 500) {
      return {
        text: 'The server had a problem, so your comment was not posted. It is saved in this browser.',
        canRetry: true,
      };
    }
    return { text: error.message, canRetry: false };
  }
  return { text: 'Something went wrong, so your comment was not posted. It is saved in this browser.', canRetry: true };
}

export function CommentForm({ slug, replyTo, onCancelReply, onPosted, result }: Props) {
  const parentId = replyTo?.id ?? null;
  const refused = result && !result.posted ? result : undefined;
  // Until the app has hydrated it, the server's form posts as plain HTML (server/pages/forms.ts); marked once taken over.
  const enhanced = useHydrated();
  const storedDraft = useStoredDraft(slug, parentId);
  const baseId = useId();
  // Typed into the server's HTML before the app arrived: hydration would reset those fields, so it is taken over.
  const [typedEarly] = useState(() => typedBeforeHydration(baseId));
  // What the reader typed in this visit wins; before that, the draft kept in the browser shows.
  const [edited, setEdited] = useState<Draft | null>(() => {
    if (typedEarly || !refused) return typedEarly;
    const { text, name, email, website } = refused.values;
    return { text, name, email, website, remember: false };
  });
  const draft = edited ?? storedDraft ?? emptyDraft;
  const [draftKept, setDraftKept] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>(() => (refused?.errors ?? {}) as FieldErrors);
  // The no-JavaScript answer's summary: shown, and focused, on the page the server sent back.
  const [summary, setSummary] = useState(() =>
    refused
      ? (refused.problem ??
        `Your comment was not posted: ${Object.keys(refused.errors).length === 1 ? '1 field needs' : `${Object.keys(refused.errors).length} fields need`} attention.`)
      : '',
  );
  const [announcement, setAnnouncement] = useState('');
  const fieldRefs = useRef<
    Partial<Record<(typeof FIELD_ORDER)[number], HTMLInputElement | HTMLTextAreaElement | null>>
  >({});
  const title = replyTo ? `Reply to ${replyTo.name}` : 'Leave a reply';
  const headingId = `${baseId}-heading`;

  useEffect(() => {
    if (typedEarly) saveDraft(slug, parentId, typedEarly);
  }, [typedEarly, slug, parentId]);

  const honeypotRef = useRef<HTMLInputElement>(null);
  // A second click lands before React re-renders the button; this flag holds from the first click on.
  const inFlight = useRef(false);

  const payload = (value: Draft): CommentInput => ({
    text: value.text,
    name: value.name,
    email: value.email,
    website: value.website,
    parentId,
    homepage: honeypotRef.current?.value || undefined,
  });

  const mutation = useMutation({
    mutationFn: (value: Draft & { postKey: string }) => postComment(slug, payload(value), value.postKey),
    onSettled: () => {
      inFlight.current = false;
    },
    onSuccess: (posted, value) => {
      settleDraft(slug, parentId, value);
      setEdited(
        value.remember
          ? { ...emptyDraft, name: value.name, email: value.email, website: value.website, remember: true }
          : emptyDraft,
      );
      setAnnouncement(
        posted.status === 'approved' ? 'Your comment was posted.' : 'Your comment was sent and is awaiting moderation.',
      );
      onPosted(posted);
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && (error.status === 422 || error.status === 413)) showErrors(error.fields);
      else setAnnouncement(messageFor(error).text);
    },
  });

  function update<K extends keyof Draft>(key: K, value: Draft[K]) {
    // Edited words are a new post: the next attempt gets a new key.
    const next = { ...draft, [key]: value, postKey: undefined };
    setEdited(next);
    setDraftKept(saveDraft(slug, parentId, next));
    if (key in errors) setErrors(({ [key as CommentFields]: _fixed, ...rest }) => rest);
  }

  function showErrors(found: FieldErrors) {
    setErrors(found);
    const count = Object.keys(found).length;
    setAnnouncement(
      `Your comment was not posted: ${count === 1 ? '1 field needs' : `${count} fields need`} attention.`,
    );
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) fieldRefs.current[first]?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setSummary('');
    // The validators (the same schema the server checks with) load with the first submit, not with the page.
    // Should they not load (the connection dropped), the server checks alone: sending says what went wrong.
    const validators = await import('../../schema').catch(() => undefined);
    const found = validators?.commentFieldErrors({ ...draft, parentId }) ?? {};
    const excess = commentRequestBytes(payload(draft)) - MAX_COMMENT_REQUEST_BYTES;
    if (Object.keys(found).length > 0 || excess > 0) {
      inFlight.current = false;
      return showErrors(Object.keys(found).length > 0 ? found : { text: tooLargeMessage(excess) });
    }
    setErrors({});
    setAnnouncement('');
    // The key is kept with the draft before the first attempt, so a retry (even after a reload) sends it again.
    const sending = { ...draft, postKey: draft.postKey ?? newPostKey() };
    if (!draft.postKey) {
      setEdited(sending);
      saveDraft(slug, parentId, sending);
    }
    mutation.mutate(sending);
  }

  const failure =
    mutation.isError && !(mutation.error instanceof ApiRequestError && [413, 422].includes(mutation.error.status));
  const failureMessage = failure ? messageFor(mutation.error) : undefined;

  return (
    <form
      id="respond"
      className="comment-form"
      aria-label={title}
      method="post"
      // No #respond here: a page with a target fragment skips autofocus, and the answer focuses its notice.
      action={`/stories/${encodeURIComponent(slug)}`}
      onSubmit={(event) => void submit(event)}
      noValidate
      data-enhanced={enhanced || undefined}
    >
      <h3 id={headingId} className="comment-form-title">
        {title}
      </h3>
      {result?.posted && (
        <div className="notice" role="status" tabIndex={-1} autoFocus>
          <p>
            {result.posted.status === 'approved'
              ? 'Your comment was posted.'
              : 'Your comment was sent and is awaiting moderation. It is shown to you below the others until a moderator approves it.'}
          </p>
        </div>
      )}
      {summary && (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} autoFocus>
          <p>{summary}</p>
          {Object.keys(errors).length > 0 && (
            <ul>
              {FIELD_ORDER.filter((field) => errors[field]).map((field) => (
                <li key={field}>
                  <a href={`#${baseId}-${field}`}>{errors[field]}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <input type="hidden" name="parentId" value={parentId ?? ''} />
      <p className="comment-form-note">
        Your email address will not be published. Required fields are marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">with a star</span>
      </p>
      <Field
        multiline
        id={`${baseId}-text`}
        name="comment"
        label="Comment"
        required
        rows={6}
        value={draft.text}
        error={errors.text}
        ref={(element) => void (fieldRefs.current.text = element)}
        onChange={(event) => update('text', event.target.value)}
      />
      <Field
        id={`${baseId}-name`}
        name="name"
        label="Name"
        required
        autoComplete="name"
        value={draft.name}
        error={errors.name}
        ref={(element) => void (fieldRefs.current.name = element)}
        onChange={(event) => update('name', event.target.value)}
      />
      <Field
        id={`${baseId}-email`}
        name="email"
        type="email"
        label="Email"
        required
        autoComplete="email"
        value={draft.email}
        error={errors.email}
        ref={(element) => void (fieldRefs.current.email = element)}
        onChange={(event) => update('email', event.target.value)}
      />
      <Field
        id={`${baseId}-website`}
        name="website"
        type="url"
        label="Website"
        autoComplete="url"
        value={draft.website}
        error={errors.website}
        ref={(element) => void (fieldRefs.current.website = element)}
        onChange={(event) => update('website', event.target.value)}
      />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={`${baseId}-homepage`}>Leave this field empty</label>
        <input
          ref={honeypotRef}
          id={`${baseId}-homepage`}
          name="homepage"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>
      {errors.parentId && <p className="field-error">{errors.parentId}</p>}
      {!draftKept && (
        <p className="field-hint">
          This browser is not letting us keep a copy of your draft, so keep this page open until it is posted.
        </p>
      )}
      <div className="checkbox-field">
        <input
          id={`${baseId}-remember`}
          type="checkbox"
          checked={draft.remember}
          onChange={(event) => update('remember', event.target.checked)}
        />
        <label htmlFor={`${baseId}-remember`}>
          Save my name, email, and website in this browser for the next time I comment.
        </label>
      </div>
      {failureMessage && (
        <div className="notice notice-error">
          <p>{failureMessage.text}</p>
          {failureMessage.canRetry && (
            <button type="submit" className="button button-secondary">
              Try again
            </button>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="comment-form-actions">
        <button type="submit" className="button" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? 'Posting…' : 'Post Comment'}
        </button>
        {replyTo && onCancelReply && (
          <a
            href={`/stories/${encodeURIComponent(slug)}#respond`}
            className="button button-secondary"
            onClick={(event) => {
              event.preventDefault();
              onCancelReply();
            }}
          >
            Cancel reply
          </a>
        )}
      </div>
    </form>
  );
}
