import { useSyncExternalStore } from 'react';
import { usePreferences } from '../../lib/preferences';
import { PreferenceForm } from './PreferenceForm';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** One button: pressed means dark. Until the reader presses it, the system setting decides. */
export function ThemeToggle() {
  const { preferences, update } = usePreferences();
  const systemDark = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(DARK_QUERY).matches,
    () => false,
  );
  const dark = preferences.theme === 'system' ? systemDark : preferences.theme === 'dark';
  return (
    <PreferenceForm className="inline-form">
      <button
        type="submit"
        name="theme"
        value="toggle"
        className="button-link theme-toggle"
        aria-pressed={dark}
        onClick={(event) => {
          event.preventDefault();
          update({ theme: dark ? 'light' : 'dark' });
        }}
      >
        Dark theme
      </button>
    </PreferenceForm>
  );
}
