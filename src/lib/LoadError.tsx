import { ApiRequestError } from './api';

/** Says what failed, why when we know, and offers a retry. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  const reason = error instanceof ApiRequestError ? error.message : 'Something went wrong.';
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>We could not load {what}.</strong> {reason}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
