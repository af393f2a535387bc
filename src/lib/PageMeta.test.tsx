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

  it('shares a page without a picture with the site icon, as a small card', () => {
    render(
      <SiteProvider origin="https://news.example" site={site}>
        <PageMeta title="A page" description="About it." path="/" />
      </SiteProvider>,
    );
    expect(head('meta[property="og:image"]')).toHaveAttribute('content', 'https://news.example/icon-512.png');
    expect(head('meta[property="og:image:width"]')).toHaveAttribute('content', '512');
    expect(head('meta[property="og:image:alt"]')).toHaveAttribute('content', 'The Estuary Post');
    expect(head('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');
    expect(head('meta[name="twitter:image"]')).toHaveAttribute('content', 'https://news.example/icon-512.png');
  });

  it("prefers the site's social image to the icon, and the page's own to both", () => {
    const socialImage = { src: '/images/estuary-card.jpg', alt: 'The estuary at dawn', width: 1200, height: 630 };
    const { unmount } = render(
      <SiteProvider origin="https://news.example" site={{ ...site, socialImage }}>
        <PageMeta title="A page" description="About it." path="/" />
      </SiteProvider>,
    );
    expect(head('meta[property="og:image"]')).toHaveAttribute(
      'content',
      'https://news.example/images/estuary-card.jpg',
    );
    expect(head('meta[property="og:image:alt"]')).toHaveAttribute('content', 'The estuary at dawn');
    expect(head('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
    unmount();
    render(
      <SiteProvider origin="https://news.example" site={{ ...site, socialImage }}>
        <PageMeta
          title="A story"
          description="About it."
          path="/s"
          image={{ src: 'https://cdn.example/a.png', alt: 'A' }}
        />
      </SiteProvider>,
    );
    expect(head('meta[property="og:image"]')).toHaveAttribute('content', 'https://cdn.example/a.png');
    expect(head('meta[property="og:image:width"]')).toBeNull();
  });

  it("gives an article's dates and section as article:* tags, and none on other pages", () => {
    const { unmount } = render(
      <SiteProvider origin="https://news.example" site={site}>
        <PageMeta
          title="A story"
          description="About it."
          path="/stories/a"
          type="article"
          article={{ publishedTime: '2026-11-20T08:30:00Z', modifiedTime: '2026-11-21T10:00:00Z', section: 'City' }}
        />
      </SiteProvider>,
    );
    expect(head('meta[property="article:published_time"]')).toHaveAttribute('content', '2026-11-20T08:30:00Z');
    expect(head('meta[property="article:modified_time"]')).toHaveAttribute('content', '2026-11-21T10:00:00Z');
    expect(head('meta[property="article:section"]')).toHaveAttribute('content', 'City');
    unmount();
    render(
      <SiteProvider origin="https://news.example" site={site}>
        <PageMeta title="A page" description="About it." path="/" />
      </SiteProvider>,
    );
    expect(head('meta[property^="article:"]')).toBeNull();
  });
});
