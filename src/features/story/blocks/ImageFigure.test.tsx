import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImageFigure } from './ImageFigure';

describe('ImageFigure', () => {
  it('reserves the space with width and height when the content gives them', () => {
    render(<ImageFigure src="/images/a.svg" alt="A lamp" width={800} height={500} caption="One lamp" />);
    const image = screen.getByRole('img', { name: 'A lamp' });
    expect(image).toHaveAttribute('width', '800');
    expect(image).toHaveAttribute('height', '500');
    expect(screen.getByText('One lamp')).toBeInTheDocument();
  });

  it('leaves out width and height when the content has none (styles.css boxes such an image)', () => {
    render(<ImageFigure src="https://cdn.example/b.jpg" alt="A boat" />);
    const image = screen.getByRole('img', { name: 'A boat' });
    expect(image).not.toHaveAttribute('width');
    expect(image).not.toHaveAttribute('height');
  });
});
