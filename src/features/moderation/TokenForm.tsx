import { useState, type FormEvent } from 'react';
import { Field } from '../../lib/Field';

export function TokenForm({ onToken, rejected }: { onToken: (token: string) => void; rejected: boolean }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim() === '') return setError('Please enter the moderator token.');
    onToken(value.trim());
  }
  return (
    <form className="comment-form" aria-label="Moderator sign-in" onSubmit={submit} noValidate>
      {rejected && (
        <p className="notice notice-error" role="alert">
          That token was not accepted. Check it and try again.
        </p>
      )}
      <Field
        id="admin-token"
        type="password"
        label="Moderator token"
        hint="The ADMIN_TOKEN the server was started with. It is kept only for this browser session."
        required
        autoComplete="current-password"
        value={value}
        error={error}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" className="button">
        Sign in
      </button>
    </form>
  );
}
