import { useState } from 'react';
import { startServiceWorkerNow } from '../offline';
import { saveStory, STORAGE_REFUSED, unsaveStory, useSavedStories, type SaveableStory } from './store';
import './saved.css';

const NOTES = ['', 'Saved', 'Removed from saved stories', STORAGE_REFUSED];
const REFUSED = 3;

/** Saves the story in this browser's saved stories (and, through the service worker, for reading offline). */
export function SaveButton({ story }: { story: SaveableStory }) {
  const saved = useSavedStories().some((entry) => entry.slug === story.slug);
  const [note, setNote] = useState(0);

  const toggle = () => {
    const kept = saved ? unsaveStory(story.slug) : saveStory(story);
    // Copied for offline reading now, not when the worker would have started anyway a few seconds after load.
    if (kept && !saved) startServiceWorkerNow();
    setNote(!kept ? REFUSED : saved ? 2 : 1);
  };

  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small save-button needs-app"
        aria-pressed={saved}
        onClick={toggle}
      >
        {saved ? 'Saved' : 'Save'}
      </button>
      {/* Says what happened; visible only when the browser refused to keep it. */}
      <span role="status" className={note === REFUSED ? 'save-refused' : 'visually-hidden'}>
        {NOTES[note]}
      </span>
    </>
  );
}
