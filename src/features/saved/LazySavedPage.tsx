import * as React from 'react';
import { Link } from 'react-router';
import { loadable } from '../../lib/loadable';
import { PageHeading } from '../../lib/PageHeading';
import { useSite } from '../../lib/site';
import { StoryCard, StoryDate } from '../story';

/**
 * What the saved page uses from React and the app's components, handed to it rather than imported. With Rolldown
 * 1.2 (Vite 8), a third lazily loaded chunk that imports React makes the bundler move React out of the entry chunk
 * into a shared chunk (rolldown/rolldown#10731): the first visit would load an extra file and ~0.7 KB more gzip.
 * So SavedPage.tsx imports only types, JSX (fine) and list.ts (no React); everything else comes through here.
 */
const kit = { React, Link, PageHeading, StoryCard, StoryDate, useSite };
export type SavedPageKit = typeof kit;

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
    (page) => page.createSavedPage(kit),
    () => Unavailable,
  ),
);
