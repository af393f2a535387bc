import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/helpers/render';
import { StoryCard } from './StoryCard';

const story = {
  slug: 'a-story',
  section: 'City',
  headline: 'A headline',
  excerpt: 'An excerpt.',
  publishedAt: '2026-11-20T08:30:00Z',
  author: { id: 'ada', name: 'Ada Writer' },
};

describe('StoryCard', () => {
  it('keeps the image class and adds the fixed-ratio box when the image has no dimensions', () => {
    const { container } = renderWithProviders(<StoryCard story={{ ...story, image: { src: '/i.jpg', alt: 'x' } }} />);
    const image = container.querySelector('img')!;
    expect(image).toHaveClass('story-card-image', 'unsized');
    expect(image).not.toHaveAttribute('width');
    expect(screen.getByRole('link', { name: 'A headline' })).toHaveAttribute('href', '/stories/a-story');
  });

  it('gives a sized image its width and height', () => {
    const { container } = renderWithProviders(
      <StoryCard story={{ ...story, image: { src: '/i.jpg', alt: 'x', width: 1200, height: 675 } }} />,
    );
    const image = container.querySelector('img')!;
    expect(image).toHaveAttribute('width', '1200');
    expect(image).toHaveAttribute('height', '675');
    expect(image).not.toHaveClass('unsized');
  });
});
