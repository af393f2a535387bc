import { useState, type MouseEvent } from 'react';
import { TEXT_SIZE_STEPS, usePreferences } from '../../lib/preferences';
import { PreferenceForm } from './PreferenceForm';

const LABELS = ['small', 'standard', 'large', 'larger', 'largest'];

/** Two buttons that step the story's text size; the choice is remembered and announced. */
export function TextSizeControl() {
  const { preferences, update } = usePreferences();
  const [announcement, setAnnouncement] = useState('');
  const step = (event: MouseEvent, by: number) => {
    event.preventDefault();
    const textSize = Math.min(TEXT_SIZE_STEPS - 1, Math.max(0, preferences.textSize + by));
    update({ textSize });
    setAnnouncement(`Text size: ${LABELS[textSize]}`);
  };
  return (
    <PreferenceForm anchor="text-size" className="text-size">
      <div className="text-size-buttons" role="group" aria-label="Text size">
        <button
          type="submit"
          name="textSize"
          value="smaller"
          className="button button-secondary button-small"
          onClick={(event) => step(event, -1)}
          disabled={preferences.textSize === 0}
        >
          Smaller text
        </button>
        <button
          type="submit"
          name="textSize"
          value="larger"
          className="button button-secondary button-small"
          onClick={(event) => step(event, 1)}
          disabled={preferences.textSize === TEXT_SIZE_STEPS - 1}
        >
          Larger text
        </button>
        <span className="visually-hidden" role="status">
          {announcement}
        </span>
      </div>
    </PreferenceForm>
  );
}
