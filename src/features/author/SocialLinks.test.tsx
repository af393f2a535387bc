import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Author } from '../../schema';
import { SocialLinks } from './SocialLinks';

const author = (social: Author['social']): Author => ({ id: 'ada', name: 'Ada Writer', role: 'Reporter', bio: 'Writes.', social });

describe('SocialLinks', () => {
  it('names every new network accessibly and shows the @handle the server found', () => {
    render(
      <SocialLinks
        author={author([
          { network: 'x', url: 'https://x.com/adawrites', handle: '@adawrites' },
          { network: 'threads', url: 'https://www.threads.net/@adawrites', handle: '@adawrites' },
          { network: 'instagram', url: 'https://www.instagram.com/adawrites', handle: '@adawrites' },
          { network: 'facebook', url: 'https://www.facebook.com/adawrites' },
          { network: 'youtube', url: 'https://www.youtube.com/@adawrites', handle: '@adawrites' },
          { network: 'tiktok', url: 'https://www.tiktok.com/@adawrites', handle: '@adawrites' },
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
