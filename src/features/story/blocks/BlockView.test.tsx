import { render, screen } from '@testing-library/react';
import { fireEvent } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../schema';
import { BlockView } from './BlockView';

function renderBlock(block: Block) {
  const router = createMemoryRouter([{ path: '/', element: <BlockView block={block} /> }]);
  return render(<RouterProvider router={router} />);
}

describe('BlockView', () => {
  it('renders a paragraph with text, emphasis, strong and links (internal ones in the app)', () => {
    const { container } = renderBlock({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Plain ' },
        { type: 'emphasis', text: 'leaning' },
        { type: 'strong', text: 'bold' },
        { type: 'link', href: '/stories/other', text: 'inside' },
        { type: 'link', href: 'https://example.org/', text: 'outside' },
      ],
    });
    expect(container.querySelector('p em')).toHaveTextContent('leaning');
    expect(container.querySelector('p strong')).toHaveTextContent('bold');
    expect(screen.getByRole('link', { name: 'inside' })).toHaveAttribute('href', '/stories/other');
    expect(screen.getByRole('link', { name: 'outside' })).toHaveAttribute('rel', 'noopener');
  });

  it('shows a link that breaks the URL rule as its text, without throwing (the router would)', () => {
    const { container } = renderBlock({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'See ' },
        { type: 'link', href: 'https:evil.example', text: 'one' },
        { type: 'text', text: ', ' },
        { type: 'link', href: '/\\evil.example/x', text: 'two' },
        { type: 'text', text: ' and ' },
        { type: 'link', href: 'javascript:alert(1)', text: 'three' },
      ],
    });
    expect(container.querySelector('p')).toHaveTextContent('See one, two and three');
    expect(container.querySelector('a')).toBeNull();
  });

  it('never interprets text as HTML', () => {
    const { container } = renderBlock({
      type: 'paragraph',
      content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }],
    });
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)>');
  });

  it('renders a subheading as h2', () => {
    renderBlock({ type: 'subheading', text: 'Part two' });
    expect(screen.getByRole('heading', { level: 2, name: 'Part two' })).toBeInTheDocument();
  });

  it('renders a blockquote with and without attribution', () => {
    const { container, unmount } = renderBlock({
      type: 'blockquote',
      content: [{ type: 'text', text: 'Said once.' }],
      attribution: 'Someone',
    });
    expect(container.querySelector('figure blockquote')).toHaveTextContent('Said once.');
    expect(container.querySelector('figcaption')).toHaveTextContent('— Someone');
    unmount();
    const bare = renderBlock({ type: 'blockquote', content: [{ type: 'text', text: 'Unattributed.' }] });
    expect(bare.container.querySelector('figure')).toBeNull();
    expect(bare.container.querySelector('blockquote')).toHaveTextContent('Unattributed.');
  });

  it('renders a pull quote hidden from screen readers (its words are in the story already)', () => {
    const { container } = renderBlock({ type: 'pullquote', text: 'Big words' });
    expect(container.querySelector('.pullquote')).toHaveAttribute('aria-hidden', 'true');
    expect(container).toHaveTextContent('Big words');
  });

  it('renders an image with its size, lazily, with caption and credit', () => {
    renderBlock({
      type: 'image',
      src: '/x.svg',
      alt: 'A harbour',
      width: 800,
      height: 500,
      caption: 'At dusk',
      credit: 'Illustration: Byline',
    });
    const image = screen.getByRole('img', { name: 'A harbour' });
    expect(image).toHaveAttribute('width', '800');
    expect(image).toHaveAttribute('height', '500');
    expect(image).toHaveAttribute('loading', 'lazy');
    expect(screen.getByText('At dusk', { exact: false })).toHaveTextContent('At dusk Illustration: Byline');
  });

  it('renders ordered and unordered lists', () => {
    const { container, unmount } = renderBlock({
      type: 'list',
      ordered: true,
      items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]],
    });
    expect(container.querySelectorAll('ol > li')).toHaveLength(2);
    unmount();
    const unordered = renderBlock({ type: 'list', ordered: false, items: [[{ type: 'text', text: 'a' }]] });
    expect(unordered.container.querySelectorAll('ul > li')).toHaveLength(1);
  });

  it('renders an embedded post as text with a link, and drops media that fails to load', () => {
    const { container } = renderBlock({
      type: 'embed',
      provider: 'Mastodon',
      url: 'https://mastodon.example/@a/1',
      author: '@a',
      text: 'First line.\n\nSecond line.',
      media: { src: '/missing.jpg', alt: 'A clip', width: 640, height: 360 },
    });
    expect(container.querySelectorAll('blockquote p')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'View the original post on Mastodon' })).toHaveAttribute(
      'href',
      'https://mastodon.example/@a/1',
    );
    fireEvent.error(screen.getByRole('img', { name: 'A clip' }));
    expect(screen.queryByRole('img')).toBeNull();
    expect(container).toHaveTextContent('its media could not be loaded here');
  });

  it('renders a divider', () => {
    const { container } = renderBlock({ type: 'divider' });
    expect(container.querySelector('hr')).not.toBeNull();
  });
});
