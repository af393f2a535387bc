import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RegionBoundary } from './RegionBoundary';

let shouldFail = true;
function Fragile() {
  if (shouldFail) throw new Error('boom');
  return <p>Rail content</p>;
}

describe('RegionBoundary', () => {
  it('keeps a failing region from taking down its neighbours, and retries on request', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <>
        <p>The story stays readable</p>
        <RegionBoundary what="the related stories">
          <Fragile />
        </RegionBoundary>
      </>,
    );
    expect(screen.getByText('The story stays readable')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Sorry, we could not show the related stories.');
    shouldFail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Rail content')).toBeInTheDocument();
  });
});
