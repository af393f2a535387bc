import { useState, type FormEvent } from 'react';
import type { QueueFilter } from './queries';

const MAX_SEARCH = 200;

/** Search the queue by text, name or email, and show which story it is narrowed to (set from a comment). */
export function QueueSearch({ filter, onFilter }: { filter: QueueFilter; onFilter: (filter: QueueFilter) => void }) {
  const [value, setValue] = useState(filter.search ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    onFilter({ ...filter, search: value.trim() || undefined });
  }
  return (
    <div className="moderation-filter">
      <form role="search" aria-label="Search the queue" onSubmit={submit}>
        <label htmlFor="moderation-search">Text, name or email</label>
        <input
          id="moderation-search"
          type="search"
          value={value}
          maxLength={MAX_SEARCH}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button-secondary">
          Search
        </button>
        {filter.search && (
          <button
            type="button"
            className="button-link"
            onClick={() => {
              setValue('');
              onFilter({ ...filter, search: undefined });
            }}
          >
            Clear search
          </button>
        )}
      </form>
      {filter.story && (
        <p className="moderation-story-only">
          Only comments on <strong>{filter.story.headline}</strong>.{' '}
          <button type="button" className="button-link" onClick={() => onFilter({ ...filter, story: undefined })}>
            Show every story
          </button>
        </p>
      )}
    </div>
  );
}
