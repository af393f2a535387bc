import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/helpers/render';
import type { Story } from '../../schema';
import { StoryHeader } from './StoryHeader';

const story: Story = {
  slug: 'a-story',
  section: 'City',
  headline: 'A headline',
  standfirst: 'A standfirst.',
  excerpt: 'An excerpt.',
  publishedAt: '2026-11-20T08:30:00Z',
  author: { id: 'ada', name: 'Ada Writer', role: 'Reporter', bio: 'Writes.', social: [] },
  related: [],
  tags: [],
  readingMinutes: 3,
  commentCount: 0,
  body: [],
};

describe('StoryHeader', () => {
  it('shows the standfirst under the headline', () => {
    const { container } = renderWithProviders(<StoryHeader story={story} />);
    expect(container.querySelector('.standfirst')).toHaveTextContent('A standfirst.');
  });

  it('shows nothing in its place when the story has none', () => {
    const { standfirst: _none, ...withoutStandfirst } = story;
    const { container } = renderWithProviders(<StoryHeader story={withoutStandfirst} />);
    expect(screen.getByRole('heading', { level: 1, name: 'A headline' })).toBeInTheDocument();
    expect(container.querySelector('.standfirst')).toBeNull();
    expect(container.querySelector('header p:empty')).toBeNull();
  });
});
