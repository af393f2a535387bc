import { loadable } from '../../lib/loadable';
import { PageHeading } from '../../lib/PageHeading';

/** Should the page's code not arrive (offline before the service worker has stored it), say so rather than fail. */
function Unavailable() {
  return (
    <>
      <PageHeading className="page-title">Saved stories</PageHeading>
      <p role="alert">
        This page could not load without a connection. <a href="/saved">Try again</a> once you are online.
      </p>
    </>
  );
}

/** /saved, loaded on demand (the server loads it before rendering): render it inside <Suspense>. */
export const SavedPage = loadable(() =>
  import('./SavedPage').then(
    (page) => page.SavedPage,
    () => Unavailable,
  ),
);
