import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiRequestError } from '../../lib/api';
import { Field } from '../../lib/Field';
import { LoadError } from '../../lib/LoadError';
import { usePageCursor } from '../../lib/LoadMore';
import { PageHeading } from '../../lib/PageHeading';
import { PageMeta } from '../../lib/PageMeta';
import { useSite } from '../../lib/site';
import type { SearchHit, SearchPage as SearchAnswer } from '../../schema';
import { sectionQueries } from '../sections';
import { StoryDate, StoryLink } from '../story';
import { searchParamsOf, searchQueries } from './queries';

/** How long typing pauses before the results follow it: no request per keystroke. */
const TYPING_PAUSE_MS = 350;

const href = (params: URLSearchParams, changes: Record<string, string | undefined>) => {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return `/search?${next}`;
};

function Snippet({ hit }: { hit: SearchHit }) {
  if (hit.snippet.length === 0) return null;
  return (
    <p className="search-snippet">
      {hit.snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
    </p>
  );
}

function Help({ problem }: { problem?: SearchAnswer['problem'] }) {
  return (
    <div className="notice">
      {problem === 'only-excluded' ? (
        <p>
          <strong>Add a word to look for.</strong> Words with a minus sign are left out of the results, so a search of
          only those has nothing to find.
        </p>
      ) : (
        <p>
          <strong>Type a word or two to search every story.</strong>
        </p>
      )}
      <ul className="search-tips">
        <li>All the words you type must match: harbour seals</li>
        <li>Quotes find an exact phrase: "sea wall"</li>
        <li>A minus leaves a word out: lantern -walk</li>
        <li>OR finds either word: ferry OR boat</li>
      </ul>
    </div>
  );
}

function Facets({ answer, params }: { answer: SearchAnswer; params: URLSearchParams }) {
  const { sections, years } = answer.facets;
  if (sections.length === 0 && years.length === 0) return null;
  return (
    <nav className="search-facets" aria-label="Refine the results">
      {sections.length > 0 && (
        <>
          <h2>By section</h2>
          <ul>
            {sections.map((entry) => (
              <li key={entry.slug}>
                <Link
                  to={href(params, { section: entry.slug })}
                  aria-current={params.get('section') === entry.slug ? 'page' : undefined}
                >
                  {entry.name} <span className="count">({entry.count})</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {years.length > 0 && (
        <>
          <h2>By year</h2>
          <ul>
            {years.map((entry) => (
              <li key={entry.year}>
                <Link to={href(params, { from: `${entry.year}-01-01`, to: `${entry.year}-12-31` })}>
                  {entry.year} <span className="count">({entry.count})</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {(params.get('section') ||
        params.get('from') ||
        params.get('to') ||
        params.get('author') ||
        params.get('tag')) && (
        <p>
          <Link
            to={href(params, { section: undefined, from: undefined, to: undefined, author: undefined, tag: undefined })}
          >
            Clear the filters
          </Link>
        </p>
      )}
    </nav>
  );
}

/**
 * `/search?q=`: a GET form and its results, rendered by the server (so it works without JavaScript, paging by
 * links); in the app, results follow the query as it is typed, after a pause.
 */
export function SearchPage() {
  const [search] = useSearchParams();
  const params = searchParamsOf(search);
  const results = useInfiniteQuery(searchQueries.results(params, usePageCursor()));
  const sections = useQuery(sectionQueries.names());
  const site = useSite();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A search started elsewhere (the header's box, a link) shows in the box; one sent from the box as it was
  // typed does not, as the reader may have typed on since.
  const [sent, setSent] = useState(q);
  const [shown, setShown] = useState(q);
  if (q !== shown) {
    setShown(q);
    if (q !== sent) setTyped(q);
  }

  const fields = results.error instanceof ApiRequestError ? results.error.fields : {};
  const first = results.data?.pages[0];
  const hits = results.data?.pages.flatMap((page) => page.results) ?? [];
  const next = results.data?.pages.at(-1)?.nextCursor;

  const onType = (value: string) => {
    setTyped(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSent(value);
      void navigate(href(params, { q: value, cursor: undefined }), { replace: true, preventScrollReset: true });
    }, TYPING_PAUSE_MS);
  };

  return (
    <>
      <PageMeta
        title={q ? `Search: ${q} — ${site.name}` : `Search — ${site.name}`}
        description={`Search every story on ${site.name}.`}
        path="/search"
      />
      <meta name="robots" content="noindex, follow" />
      <PageHeading className="page-title">Search</PageHeading>
      <form action="/search" method="get" className="search-form" role="search" aria-label="Search stories">
        <Field
          id="search-q"
          label="Search for"
          type="search"
          name="q"
          value={typed}
          onChange={(event) => onType(event.currentTarget.value)}
          maxLength={200}
          error={fields.q}
          hint='All words must match; "quotes" for a phrase, -word to leave one out, OR for either.'
        />
        <details key={params.toString()} className="search-filters" open={Object.keys(fields).length > 0 || undefined}>
          <summary>Filters</summary>
          <div className={`field${fields.section ? ' field-invalid' : ''}`}>
            <label htmlFor="search-section">Section</label>
            <select
              id="search-section"
              name="section"
              defaultValue={params.get('section') ?? ''}
              aria-invalid={fields.section ? true : undefined}
              aria-describedby={fields.section ? 'search-section-error' : undefined}
            >
              <option value="">Every section</option>
              {sections.data?.sections.map((section) => (
                <option key={section.slug} value={section.slug}>
                  {section.name}
                </option>
              ))}
            </select>
            {fields.section && (
              <p id="search-section-error" className="field-error">
                {fields.section}
              </p>
            )}
          </div>
          <Field
            id="search-author"
            label="Author (their id, as in their page's address)"
            name="author"
            defaultValue={params.get('author') ?? ''}
            error={fields.author}
          />
          <Field
            id="search-tag"
            label="Tag (as in its page's address)"
            name="tag"
            defaultValue={params.get('tag') ?? ''}
            error={fields.tag}
          />
          <Field
            id="search-from"
            label="From"
            type="date"
            name="from"
            defaultValue={params.get('from') ?? ''}
            error={fields.from}
          />
          <Field
            id="search-to"
            label="To"
            type="date"
            name="to"
            defaultValue={params.get('to') ?? ''}
            error={fields.to}
          />
          {fields.cursor && <p className="field-error">{fields.cursor}</p>}
        </details>
        <button type="submit" className="button">
          Search
        </button>
      </form>

      {results.isError && results.data === undefined && Object.keys(fields).length === 0 && (
        <LoadError what="the results" error={results.error} onRetry={() => void results.refetch()} />
      )}
      {Object.keys(fields).length > 0 && (
        <p className="notice notice-error" role="alert">
          Some filters could not be used: see the messages next to them.
        </p>
      )}
      {first?.problem && <Help problem={first.problem} />}
      <p className="search-status" role="status">
        {results.isPending
          ? 'Searching…'
          : first && !first.problem
            ? first.total === 0
              ? `No stories match “${first.query}”. Try fewer words, or another spelling.`
              : `${first.total} ${first.total === 1 ? 'story matches' : 'stories match'} “${first.query}”.`
            : ''}
      </p>
      {first?.notes.map((note) => (
        <p key={note} className="notice">
          {note}
        </p>
      ))}
      {first && <Facets answer={first} params={params} />}
      {hits.length > 0 && (
        <ol className="search-results">
          {hits.map((hit) => (
            <li key={hit.slug} className="search-result">
              <h2>
                <StoryLink slug={hit.slug}>{hit.headline}</StoryLink>
              </h2>
              <p className="search-meta">
                {hit.section} · {hit.author.name} · <StoryDate iso={hit.publishedAt} />
              </p>
              <Snippet hit={hit} />
            </li>
          ))}
        </ol>
      )}
      {next && (
        <a
          href={href(params, { cursor: next })}
          className="button more-button"
          aria-disabled={results.isFetchingNextPage || undefined}
          onClick={(event) => {
            event.preventDefault();
            if (!results.isFetchingNextPage) void results.fetchNextPage();
          }}
        >
          {results.isFetchingNextPage ? 'Loading more results…' : 'More results'}
        </a>
      )}
    </>
  );
}
