import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { useHydrated } from '../../lib/hydrated';
import { PageHeading } from '../../lib/PageHeading';
import { useSite } from '../../lib/site';
import { StoryCard, StoryDate } from '../story';
import { parseSaved, readSavedRaw, STORAGE_REFUSED, subscribeToSaved, unsaveStory, type SavedStory } from './list';
import './saved.css';

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

/** Stored data is checked by hand, field by field: an entry that is not a complete saved story is not shown. */
function isSavedStory(value: SavedStory): boolean {
  const { author, image } = value as Partial<SavedStory>;
  return (
    [value.slug, value.headline, value.section, value.excerpt, value.publishedAt, value.savedAt].every(isString) &&
    (value.leadIn === undefined || isString(value.leadIn)) &&
    isString(author?.id) &&
    isString(author?.name) &&
    (image === undefined ||
      (isString(image?.src) && isString(image.alt) && isOptionalNumber(image.width) && isOptionalNumber(image.height)))
  );
}

/** Which saved stories the service worker holds a complete offline copy of (the story's page is cached). */
function useOfflineCopies(slugs: string[]) {
  const [available, setAvailable] = useState<ReadonlySet<string>>(new Set());
  const key = slugs.join(' ');
  useEffect(() => {
    if (typeof caches === 'undefined') return;
    let current = true;
    const check = () =>
      void Promise.all(
        key.split(' ').map(async (slug) => (slug && (await caches.match(`/stories/${slug}`)) ? slug : '')),
      )
        .then((found) => current && setAvailable(new Set(found.filter(Boolean))))
        .catch(() => undefined);
    check();
    // The worker posts a message each time it has finished copying.
    navigator.serviceWorker?.addEventListener('message', check);
    return () => {
      current = false;
      navigator.serviceWorker?.removeEventListener('message', check);
    };
  }, [key]);
  return available;
}

/** The /saved page: the stories this reader saved in this browser, newest saved first. */
export function SavedPage() {
  const site = useSite();
  // The list lives in this browser only: the server, and hydration, render a neutral placeholder.
  const hydrated = useHydrated();
  const stories = parseSaved(useSyncExternalStore(subscribeToSaved, readSavedRaw, () => null))
    .filter(isSavedStory)
    // By time, not localeCompare: that would set up ICU's collator (a long task) to sort dates.
    .sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt));
  const offline = useOfflineCopies(stories.map((story) => story.slug));
  const [note, setNote] = useState('');
  const list = useRef<HTMLUListElement>(null);
  // After a removal, focus moves to the next story's Remove button (or the last one, or the heading).
  const focusAfterRemoval = useRef<number | null>(null);

  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.saved-remove');
    const target = buttons?.[Math.min(index, buttons.length - 1)] ?? document.getElementById('saved-title');
    target?.focus();
  });

  const remove = (story: SavedStory, index: number) => {
    const kept = unsaveStory(story.slug);
    setNote(kept ? `Removed “${story.headline}” from saved stories.` : STORAGE_REFUSED);
    if (kept) focusAfterRemoval.current = index;
  };

  return (
    <div className="saved-page">
      <title>{`Saved stories — ${site.name}`}</title>
      <meta name="robots" content="noindex" />
      <PageHeading className="page-title" id="saved-title">
        Saved stories
      </PageHeading>
      <p role="status" className={note === STORAGE_REFUSED ? 'save-refused' : 'visually-hidden'}>
        {note}
      </p>
      {!hydrated ? (
        <p className="saved-intro">Loading the stories saved in this browser…</p>
      ) : stories.length === 0 ? (
        <div className="saved-intro">
          <p>You have not saved any stories in this browser yet.</p>
          <p>
            To keep a story, open it and choose <strong>Save</strong> under its headline. Saved stories are listed here,
            and you can read them without a connection.
          </p>
          <p>
            <Link to="/">Browse the latest stories</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="saved-intro">
            Stories you saved in this browser, newest first. You can read them without a connection.
          </p>
          <ul className="saved-list" ref={list}>
            {stories.map((story, index) => (
              <li key={story.slug} className="saved-item">
                <StoryCard
                  story={story}
                  meta={
                    <>
                      <span aria-hidden="true"> · </span>
                      <StoryDate iso={story.savedAt} prefix="Saved " />
                      {offline.has(story.slug) && (
                        <>
                          <span aria-hidden="true"> · </span>
                          Available offline
                        </>
                      )}
                    </>
                  }
                >
                  <button
                    type="button"
                    className="button button-secondary button-small saved-remove"
                    aria-label={`Remove “${story.headline}” from saved stories`}
                    onClick={() => remove(story, index)}
                  >
                    Remove
                  </button>
                </StoryCard>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
