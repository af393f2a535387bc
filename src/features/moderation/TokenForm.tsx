import { useState, type FormEvent } from 'react';
import { Field } from '../../lib/Field';
import { PageHeading } from '../../lib/PageHeading';
import { serverField, useHydrated } from '../../lib/hydrated';

const FIELD_ID = 'admin-token';

export function TokenForm({ onToken, rejected }: { onToken: (token: string) => void; rejected: boolean }) {
  // The server renders this form and the app takes it over once the moderation code arrives: a token typed or
  // filled in by a password manager before then is only in the page's field (and was refused as empty on Sign in).
  const [value, setValue] = useState(() => serverField(FIELD_ID)?.value ?? '');
  const [error, setError] = useState<string | undefined>();
  // Until the app has taken the form over, Sign in would only reload the page (and drop the token): it stays
  // hidden while the app starts and disabled until this form is hydrated, and the form is marked once it is.
  const enhanced = useHydrated();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim() === '') return setError('Please enter the moderator token.');
    onToken(value.trim());
  }
  return (
    <form
      className="comment-form"
      aria-label="Moderator sign-in"
      onSubmit={submit}
      noValidate
      data-enhanced={enhanced || undefined}
    >
      {rejected && (
        <p className="notice notice-error" role="alert">
          That token was not accepted. Check it and try again.
        </p>
      )}
      <Field
        id={FIELD_ID}
        type="password"
        label="Moderator token"
        hint="Your own moderator token, or the site's ADMIN_TOKEN. It is kept only for this browser session."
        required
        autoComplete="current-password"
        value={value}
        error={error}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" className="button needs-app" disabled={!enhanced}>
        Sign in
      </button>
      <noscript>
        <p>Moderation needs JavaScript: turn it on for this site to sign in.</p>
      </noscript>
    </form>
  );
}

/** An admin view before the server has accepted a token: its title and heading, and the sign-in form. */
export function AdminSignIn({
  title,
  heading,
  rejected,
  onToken,
}: {
  title: string;
  heading: string;
  rejected: boolean;
  onToken: (token: string) => void;
}) {
  return (
    <>
      <title>{title}</title>
      <PageHeading className="page-title">{heading}</PageHeading>
      <TokenForm rejected={rejected} onToken={onToken} />
    </>
  );
}
