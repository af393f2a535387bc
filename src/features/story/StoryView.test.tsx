import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Story } from '../../schema';
import { json, mockFetch, renderWithProviders } from '../../../test/helpers/render';
import { StoryView } from './StoryView';

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
  commentCount: 2,
  body: [{ type: 'paragraph', content: [{ type: 'text', text: 'The body text.' }] }],
};

const view = () =>
  renderWithProviders(
    <StoryView slug="a-story" notFound={<p>Nothing here</p>}>
      {(loaded) => <p>After {loaded.headline}</p>}
    </StoryView>,
  );

afterEach(() => vi.unstubAllGlobals());

describe('StoryView', () => {
  it('shows a skeleton while loading, then the story and what follows it', async () => {
    let answer!: (response: Response) => void;
    mockFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    view();
    expect(screen.getByRole('status', { name: 'Loading story' })).toBeInTheDocument();
    answer(json(story)());
    expect(await screen.findByRole('heading', { level: 1, name: 'A headline' })).toBeInTheDocument();
    expect(screen.getByText('The body text.')).toBeInTheDocument();
    expect(screen.getByText('After A headline')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ada Writer' })).toHaveAttribute('href', '/authors/ada');
    expect(screen.getByText('3 min read', { exact: false })).toBeInTheDocument();
    expect(document.querySelector('time')).toHaveAttribute('datetime', story.publishedAt);
  });

  it('says what failed and tries again on request', async () => {
    mockFetch(json({ error: { code: 'internal', message: 'Something broke on our side.' } }, 500), json(story));
    view();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load this story. Something broke on our side.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'A headline' })).toBeInTheDocument();
  });

  it('says the server could not be reached when the network fails', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    view();
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not reach the server');
  });

  it('shows the not-found content when the API answers 404', async () => {
    mockFetch(json({ error: { code: 'not_found', message: 'No story' } }, 404));
    view();
    expect(await screen.findByText('Nothing here')).toBeInTheDocument();
  });

  it('skips a block type it does not know and shows the rest', async () => {
    mockFetch(
      json({
        ...story,
        body: [{ type: 'hologram', beam: 'on' }, ...story.body, { type: 'divider' }],
      }),
    );
    view();
    await screen.findByText('The body text.');
    await waitFor(() => expect(document.querySelectorAll('.story-body > *')).toHaveLength(2));
  });
});
