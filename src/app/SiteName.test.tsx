import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SiteProvider } from '../lib/site';
import type { Site } from '../schema/site';
import { testSite } from '../../test/helpers/render';
import { SiteName } from './SiteName';

const renderWith = (site: Site) =>
  render(
    <SiteProvider origin="https://news.example" site={site}>
      <MemoryRouter>
        <SiteName />
      </MemoryRouter>
    </SiteProvider>,
  );

describe('SiteName', () => {
  it('shows the name alone without a logo', () => {
    renderWith(testSite);
    expect(screen.getByRole('link')).toHaveTextContent('The Test Gazette');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows a plain logo beside the name', () => {
    renderWith({ ...testSite, logo: { src: '/images/gull.svg', alt: 'A gull' } });
    expect(screen.getByRole('link', { name: /^A gull ?The Test Gazette$/ })).toHaveAttribute('href', '/');
  });

  it('shows a wordmark alone, the name its alt text, so the name is read once', () => {
    renderWith({ ...testSite, logo: { src: '/images/wordmark.svg', alt: 'unused', includesName: true } });
    const link = screen.getByRole('link', { name: 'The Test Gazette' });
    expect(link).toHaveTextContent('');
    expect(screen.getByRole('img')).toHaveAttribute('alt', 'The Test Gazette');
    expect(screen.getByRole('img')).toHaveAttribute('src', '/images/wordmark.svg');
  });
});
