import { describe, expect, it } from 'vitest';
import { Navigation, PageFile } from './page';
import { SiteFile } from './site';

const page = {
  slug: 'about-us',
  title: 'About us',
  description: 'Who we are.',
  updatedAt: '2026-11-01T09:00:00Z',
  body: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello.' }] }],
};

const problems = (value: unknown) =>
  PageFile.safeParse(value).error?.issues.map(
    (issue) => `${issue.path.join('.')}: ${issue.code === 'unrecognized_keys' ? issue.code : issue.message}`,
  );

describe('PageFile', () => {
  it('accepts a page with story blocks', () => {
    expect(PageFile.parse(page)).toEqual(page);
  });

  it('names each field it refuses', () => {
    expect(problems({ ...page, slug: 'About Us', title: ' ', body: [], updatedAt: 'yesterday', extra: 1 })).toEqual([
      'slug: Use lower-case letters, digits and single hyphens',
      'title: Required',
      'body: A page needs at least one block',
      'updatedAt: Invalid date: use ISO 8601, e.g. 2026-11-20T08:30:00Z',
      ': unrecognized_keys',
    ]);
    expect(problems({ ...page, body: [{ type: 'script', text: 'x' }] })?.[0]).toMatch(/^body\.0\.type: /);
  });
});

describe('the navigation setting', () => {
  it('defaults to no footer pages and leaves the header to every section', () => {
    expect(Navigation.parse({})).toEqual({ footer: [] });
    const site = SiteFile.parse({ name: 'N', description: 'D', language: 'en' });
    expect(site.navigation).toBeUndefined();
  });

  it('takes sections by name and footer pages by slug with a label, refusing a bad slug', () => {
    const navigation = { sections: ['Harbour', 'Council'], footer: [{ page: 'about-us', label: 'About' }] };
    expect(Navigation.parse(navigation)).toEqual(navigation);
    const refused = Navigation.safeParse({ footer: [{ page: '../etc', label: 'x' }] });
    expect(refused.error?.issues[0]?.path).toEqual(['footer', 0, 'page']);
  });
});
