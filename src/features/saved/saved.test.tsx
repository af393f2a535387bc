import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { preloadAll } from '../../lib/loadable';
import type { Story } from '../../schema';
import { renderWithProviders } from '../../../test/helpers/render';
import { SaveButton, SavedPage } from '.';
import { SAVED_KEY } from './store';

const story: Story = {
  slug: 'a-story',
  section: 'City',
  headline: 'A headline',
  standfirst: 'A standfirst.',
  leadIn: 'Key point:',
  excerpt: 'An excerpt.',
  publishedAt: '2026-11-20T08:30:00Z',
  image: { src: '/images/a.svg', alt: 'A picture', width: 1200, height: 675, caption: 'A caption' },
  author: { id: 'ada', name: 'Ada Writer', role: 'Reporter', bio: 'Writes.', social: [] },
  related: [],
  tags: [],
  readingMinutes: 3,
  commentCount: 2,
  body: [{ type: 'paragraph', content: [{ type: 'text', text: 'The body text.' }] }],
};

const stored = () => JSON.parse(localStorage.getItem(SAVED_KEY) ?? 'null') as unknown;

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('SaveButton', () => {
  it('saves the story’s summary (not its body) with the time, says so, and removes it again', async () => {
    renderWithProviders(<SaveButton story={story} />);
    const button = screen.getByRole('button', { name: 'Save' });
    expect(button).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button).toHaveTextContent('Saved');
    expect(screen.getByRole('status')).toHaveTextContent('Saved');
    expect(stored()).toEqual([
      {
        slug: 'a-story',
        headline: 'A headline',
        section: 'City',
        excerpt: 'An excerpt.',
        leadIn: 'Key point:',
        publishedAt: '2026-11-20T08:30:00Z',
        author: { id: 'ada', name: 'Ada Writer' },
        image: { src: '/images/a.svg', alt: 'A picture', width: 1200, height: 675 },
        savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);

    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('status')).toHaveTextContent('Removed from saved stories');
    expect(stored()).toEqual([]);
  });

  it('says plainly when the browser will not keep it, and stays unsaved', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Full', 'QuotaExceededError');
    });
    renderWithProviders(<SaveButton story={story} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('status')).toHaveTextContent('This browser is not letting this site keep saved stories');
    expect(screen.getByRole('status')).toHaveClass('save-refused');
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('shrugs off whatever else is stored under its key', async () => {
    localStorage.setItem(SAVED_KEY, '{not json');
    renderWithProviders(<SaveButton story={story} />);
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'false');
    localStorage.setItem(SAVED_KEY, JSON.stringify([null, 3, { slug: 4 }, { slug: 'a-story' }]));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // The entry that was already there for this slug (and the junk) is replaced by one good entry.
    expect(stored()).toEqual([expect.objectContaining({ slug: 'a-story', headline: 'A headline' })]);
  });
});

describe('SavedPage', () => {
  // The page's code loads on demand; load it first, as the server does, so rendering does not wait for it.
  beforeAll(() => preloadAll());

  const page = () =>
    renderWithProviders(
      <Suspense fallback={<p>Loading</p>}>
        <SavedPage />
      </Suspense>,
    );

  it('explains how to save when nothing is saved', async () => {
    page();
    expect(await screen.findByRole('heading', { level: 1, name: 'Saved stories' })).toBeInTheDocument();
    expect(await screen.findByText('You have not saved any stories in this browser yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the latest stories' })).toHaveAttribute('href', '/');
  });

  it('lists saved stories newest first, skips broken entries, and removes one with its own button', async () => {
    const entry = (slug: string, savedAt: string) => ({
      slug,
      headline: `Headline ${slug}`,
      section: 'City',
      excerpt: 'An excerpt.',
      publishedAt: '2026-11-20T08:30:00Z',
      author: { id: 'ada', name: 'Ada Writer' },
      savedAt,
    });
    localStorage.setItem(
      SAVED_KEY,
      JSON.stringify([
        entry('older', '2026-11-21T08:00:00Z'),
        { slug: 'broken' },
        entry('newer', '2026-11-22T08:00:00Z'),
      ]),
    );
    page();
    const list = await screen.findByRole('list');
    expect(
      within(list)
        .getAllByRole('heading', { level: 2 })
        .map((heading) => heading.textContent),
    ).toEqual(['Headline newer', 'Headline older']);
    expect(within(list).getByRole('link', { name: 'Headline older' })).toHaveAttribute('href', '/stories/older');

    await userEvent.click(screen.getByRole('button', { name: 'Remove “Headline newer” from saved stories' }));
    expect(
      within(list)
        .getAllByRole('heading', { level: 2 })
        .map((heading) => heading.textContent),
    ).toEqual(['Headline older']);
    expect(screen.getByText('Removed “Headline newer” from saved stories.')).toBeInTheDocument();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Remove “Headline older” from saved stories' }),
    );
    expect((stored() as { slug: string }[]).map((saved) => saved.slug)).toEqual(['older', 'broken']);
  });
});
