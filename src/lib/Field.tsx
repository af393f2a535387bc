import type { InputHTMLAttributes, Ref, TextareaHTMLAttributes } from 'react';

interface Common {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
}

type Props = Common &
  (
    | ({ multiline?: false; ref?: Ref<HTMLInputElement> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>)
    | ({ multiline: true; ref?: Ref<HTMLTextAreaElement> } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>)
  );

/**
 * A labelled input or textarea whose error sits right under it, tied to it with aria-describedby and
 * aria-invalid so a screen reader reads the error with the field.
 */
export function Field(props: Props) {
  const { id, label, required, error, hint, ...rest } = props;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const shared = { id, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {rest.multiline ? (
        <textarea {...omitMultiline(rest)} {...shared} />
      ) : (
        <input {...omitMultiline(rest)} {...shared} />
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function omitMultiline<T extends { multiline?: boolean }>(value: T): Omit<T, 'multiline'> {
  const { multiline: _multiline, ...rest } = value;
  return rest;
}
