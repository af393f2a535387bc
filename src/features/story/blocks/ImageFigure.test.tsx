import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImageFigure } from './ImageFigure';

describe('ImageFigure', () => {
  it('reserves the space with width and height when the content gives them', () => {
    render(<ImageFigure src="/images/a.svg" alt="A lamp" width={800} height={500} caption="One lamp" />);
    const image = screen.getByRole('img', { name: 'A lamp' });
    expect(image).toHaveAttribute('width', '800');
    expect(image).toHaveAttribute('height', '500');
    expect(image).not.toHaveClass('unsized');
    expect(screen.getByText('One lamp')).toBeInTheDocument();
  });

  it('puts an image without dimensions in the fixed-ratio box', () => {
    render(<ImageFigure src="https://cdn.example/b.jpg" alt="A boat" />);
    const image = screen.getByRole('img', { name: 'A boat' });
    expect(image).not.toHaveAttribute('width');
    expect(image).not.toHaveAttribute('height');
    expect(image).toHaveClass('unsized');
  });

  it('treats an image with only one dimension as unsized', () => {
    render(<ImageFigure src="/images/c.svg" alt="A net" width={800} />);
    expect(screen.getByRole('img', { name: 'A net' })).toHaveClass('unsized');
  });
});
