import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Author, SocialLink } from '../../schema';
import { socialHandle } from '../../lib/socialHandle';
import { SocialLinks } from './SocialLinks';

const author = (social: SocialLink[]): Author => ({ id: 'ada', name: 'Ada Writer', role: 'Reporter', bio: 'Writes.', social });

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

describe('SocialLinks', () => {
  it('names every new network accessibly and shows the @handle where it has one', () => {
    render(
      <SocialLinks
        author={author([
          { network: 'x', url: 'https://x.com/adawrites' },
          { network: 'threads', url: 'https://www.threads.net/@adawrites' },
          { network: 'instagram', url: 'https://www.instagram.com/adawrites' },
          { network: 'facebook', url: 'https://www.facebook.com/adawrites' },
          { network: 'youtube', url: 'https://www.youtube.com/@adawrites' },
          { network: 'tiktok', url: 'https://www.tiktok.com/@adawrites' },
        ])}
      />,
    );
    const x = screen.getByRole('link', { name: 'Ada Writer on X: @adawrites' });
    expect(x).toHaveAttribute('href', 'https://x.com/adawrites');
    expect(x).toHaveTextContent('X @adawrites');
    expect(screen.getByRole('link', { name: 'Ada Writer on Threads: @adawrites' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ada Writer on Instagram: @adawrites' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ada Writer on YouTube: @adawrites' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ada Writer on TikTok: @adawrites' })).toBeInTheDocument();
    const facebook = screen.getByRole('link', { name: 'Ada Writer: Facebook' });
    expect(facebook).toHaveTextContent(/^Facebook$/);
  });

  it('shows nothing for an author without links', () => {
    const { container } = render(<SocialLinks author={author([])} />);
    expect(container).toBeEmptyDOMElement();
  });
});
