import { useState, useSyncExternalStore } from 'react';
import { noSubscription } from '../../lib/hydrated';
import { useAbsoluteUrl } from '../../lib/site';

const canUseWebShare = () => typeof navigator.share === 'function';

/** Shares through the device's own share sheet where there is one; elsewhere copies the link and says so. */
export function ShareButton({ title, path }: { title: string; path: string }) {
  const url = useAbsoluteUrl()(path);
  const webShare = useSyncExternalStore(noSubscription, canUseWebShare, () => false);
  const [message, setMessage] = useState('');

  async function share() {
    if (webShare) {
      try {
        await navigator.share({ title, url });
      } catch {
        // The reader closed the share sheet: nothing to say.
      }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Link copied');
    } catch {
      setMessage(`Copying is blocked here; the link is ${url}`);
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary button-small needs-app" onClick={() => void share()}>
        {webShare ? 'Share' : 'Copy link'}
      </button>
      <span className="share-message" role="status">
        {message}
      </span>
    </>
  );
}
