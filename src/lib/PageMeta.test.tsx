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
  imageOrigins: [],
  themeColor: '#000000',
  backgroundColor: '#ffffff',
};

const head = (selector: string) => document.head.querySelector(selector);

describe('PageMeta', () => {
  it('names the site, its X account and the page’s feed', () => {
    render(
      <SiteProvider origin="https://news.example" site={site}>
        <PageMeta title="A page" description="About it." path="/sections/city" feed={{ path: '/sections/city/feed.xml', title: 'City' }} />
      </SiteProvider>,
    );
    expect(head('meta[property="og:site_name"]')).toHaveAttribute('content', 'The Estuary Post');
    expect(head('meta[name="twitter:site"]')).toHaveAttribute('content', '@estuarypost');
    const feed = head('link[rel="alternate"]');
    expect(feed).toHaveAttribute('type', 'application/rss+xml');
    expect(feed).toHaveAttribute('href', 'https://news.example/sections/city/feed.xml');
    expect(feed).toHaveAttribute('title', 'City');
  });

  it('leaves out twitter:site and the feed link when there are none', () => {
    render(
      <SiteProvider origin="https://news.example" site={{ ...site, social: [] }}>
        <PageMeta title="A page" description="About it." path="/" />
      </SiteProvider>,
    );
    expect(head('meta[name="twitter:site"]')).toBeNull();
    expect(head('link[rel="alternate"]')).toBeNull();
  });
});
