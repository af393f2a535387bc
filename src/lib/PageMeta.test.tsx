import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageMeta } from './PageMeta';
import { SiteProvider } from './site';
import type { Site } from '../schema/site';

const site: Site = {
  name: 'The Estuary Post',
  description: 'News.',
  language: 'en-GB',
  social: [{ network: 'x', url: 'https://x.com/estuarypost' }],
  twitterSite: '@estuarypost',
  imageOrigins: [],
  themeColor: '#000000',
  backgroundColor: '#ffffff',
};

const head = (selector: string) => document.head.querySelector(selector);

describe('PageMeta', () => {
  it('names the site and its X account', () => {
    render(
      <SiteProvider origin="https://news.example" site={site}>
        <PageMeta title="A page" description="About it." path="/sections/city" />
      </SiteProvider>,
    );
    expect(head('meta[property="og:site_name"]')).toHaveAttribute('content', 'The Estuary Post');
    expect(head('meta[name="twitter:site"]')).toHaveAttribute('content', '@estuarypost');
  });

  it('leaves out twitter:site when the site has no X account', () => {
    render(
      <SiteProvider origin="https://news.example" site={{ ...site, social: [], twitterSite: undefined }}>
        <PageMeta title="A page" description="About it." path="/" />
      </SiteProvider>,
    );
    expect(head('meta[name="twitter:site"]')).toBeNull();
  });
});
