import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import './offline.css';

function subscribe(listener: () => void) {
  addEventListener('online', listener);
  addEventListener('offline', listener);
  return () => {
    removeEventListener('online', listener);
    removeEventListener('offline', listener);
  };
}

/**
 * Says when the browser has lost its connection and what still works; once it is back, says so (CSS hides that
 * after a few seconds) and refreshes the page's data. The live region is always there, empty while all is well,
 * so each change is announced. The server, and hydration, render it online.
 */
export function OfflineBanner() {
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  const [wasOffline, setWasOffline] = useState(false);
  if (!online && !wasOffline) setWasOffline(true);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (online && wasOffline) void queryClient.invalidateQueries();
  }, [online, wasOffline, queryClient]);

  return (
    <div role="status">
      {!online ? (
        <p className="offline-banner">
          You are offline. Saved stories still work; other pages and comments need a connection.{' '}
          <Link to="/saved">Go to saved stories</Link>
        </p>
      ) : (
        wasOffline && <p className="offline-banner offline-back">You are back online.</p>
      )}
    </div>
  );
}
