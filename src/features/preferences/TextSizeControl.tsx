import { useState } from 'react';
import { TEXT_SIZE_STEPS, usePreferences } from '../../lib/preferences';

const LABELS = ['small', 'standard', 'large', 'larger', 'largest'];

/** Two buttons that step the story's text size; the choice is remembered and announced. */
export function TextSizeControl() {
  const { preferences, update } = usePreferences();
  const [announcement, setAnnouncement] = useState('');
  const step = (by: number) => {
    const textSize = Math.min(TEXT_SIZE_STEPS - 1, Math.max(0, preferences.textSize + by));
    update({ textSize });
    setAnnouncement(`Text size: ${LABELS[textSize]}`);
  };
  return (
    <div className="text-size" role="group" aria-label="Text size">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => step(-1)}
        disabled={preferences.textSize === 0}
      >
        Smaller text
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => step(1)}
        disabled={preferences.textSize === TEXT_SIZE_STEPS - 1}
      >
        Larger text
      </button>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}
