import { useNavigate, useSearchParams } from 'react-router';

/**
 * The search box in every page's header: a plain GET form to /search, which the server renders without
 * JavaScript; with the app, the search opens without a page load.
 */
export function SearchForm() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  return (
    <form
      role="search"
      action="/search"
      method="get"
      className="site-search"
      onSubmit={(event) => {
        event.preventDefault();
        const q = new FormData(event.currentTarget).get('q');
        void navigate(`/search?${new URLSearchParams({ q: typeof q === 'string' ? q : '' })}`);
      }}
    >
      <link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="Search" />
      <label htmlFor="site-search-q" className="visually-hidden">
        Search stories
      </label>
      <input id="site-search-q" type="search" name="q" defaultValue={search.get('q') ?? ''} maxLength={200} />
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
