import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../schema';
import { FIRST_SCREEN_BLOCKS, firstScreenBlocks } from './firstScreen';
import { StoryBody } from './StoryBody';

const paragraph = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const image: Block = { type: 'image', src: '/images/a.svg', alt: 'A picture', width: 800, height: 500 };

describe('firstScreenBlocks', () => {
  it('stops before the first image', () => {
    const blocks = [paragraph('one'), paragraph('two'), image, paragraph('three')];
    expect(firstScreenBlocks(blocks)).toEqual(blocks.slice(0, 2));
  });

  it('takes no more than a screen holds when there is no image', () => {
    const blocks = Array.from({ length: FIRST_SCREEN_BLOCKS + 4 }, (_, index) => paragraph(`p${index}`));
    expect(firstScreenBlocks(blocks)).toEqual(blocks.slice(0, FIRST_SCREEN_BLOCKS));
  });

  it('keeps a short story whole, and takes nothing of a body that opens with an image', () => {
    const short = [paragraph('one'), { type: 'divider' } as Block];
    expect(firstScreenBlocks(short)).toEqual(short);
    expect(firstScreenBlocks([image, paragraph('after')])).toEqual([]);
  });
});

describe('StoryBody', () => {
  const show = (firstScreen: boolean) => {
    const body = (
      <StoryBody blocks={[paragraph('Before the picture.'), image, paragraph('After it.')]} firstScreen={firstScreen} />
    );
    const router = createMemoryRouter([{ path: '/', element: body }]);
    return render(<RouterProvider router={router} />).container;
  };

  it('renders every block, or with firstScreen only those a first screen shows', () => {
    const whole = show(false);
    expect(whole.querySelectorAll('.story-body > *')).toHaveLength(3);
    expect(whole.querySelector('img')).toHaveAttribute('alt', 'A picture');
    const first = show(true);
    expect(first.querySelectorAll('.story-body > *')).toHaveLength(1);
    expect(first).toHaveTextContent('Before the picture.');
    expect(first.querySelector('img')).toBeNull();
  });
});
