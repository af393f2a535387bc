import { describe, expect, it } from 'vitest';
import { socialHandle } from './social';

describe('socialHandle', () => {
  it.each([
    ['x', 'https://x.com/adawrites', '@adawrites'],
    ['x', 'https://twitter.com/adawrites/', '@adawrites'],
    ['threads', 'https://www.threads.net/@ada.writes', '@ada.writes'],
    ['instagram', 'https://www.instagram.com/ada_writes/', '@ada_writes'],
    ['tiktok', 'https://www.tiktok.com/@adawrites', '@adawrites'],
    ['youtube', 'https://www.youtube.com/@AdaWrites', '@AdaWrites'],
    ['mastodon', 'https://social.example/@ada', '@ada@social.example'],
    ['bluesky', 'https://bsky.app/profile/ada.bsky.social', '@ada.bsky.social'],
  ] as const)('reads the handle from a %s address (%s)', (network, url, handle) => {
    expect(socialHandle({ network, url })).toBe(handle);
  });

  it.each([
    ['facebook', 'https://www.facebook.com/ada.writes'],
    ['website', 'https://ada.example/about'],
    ['youtube', 'https://www.youtube.com/channel/UC123'],
    ['x', 'https://x.com/'],
    ['email', 'mailto:ada@example.org'],
  ] as const)('gives no handle for %s at %s', (network, url) => {
    expect(socialHandle({ network, url })).toBeUndefined();
  });
});
