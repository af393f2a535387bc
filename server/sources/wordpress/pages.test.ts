import { describe, expect, it } from 'vitest';
import { mapPage } from './pages';

const wpPage = (overrides: Record<string, unknown> = {}) => ({
  id: 7,
  slug: 'about-us',
  link: 'https://wp.example/about-us/',
  modified_gmt: '2026-11-20T10:00:00',
  title: { rendered: 'About &amp; contact' },
  content: {
    rendered:
      '<p>We report on <a href="/council/">the council</a>.</p><h2>Who we are</h2><ul><li>One</li></ul>' +
      '<script>alert(1)</script>',
    protected: false,
  },
  excerpt: { rendered: '' },
  ...overrides,
});

describe('WordPress pages as standing pages', () => {
  it('converts a page through the posts’ converter: blocks, a text title, a description from its first paragraph', () => {
    const mapped = mapPage(wpPage());
    expect('page' in mapped).toBe(true);
    if (!('page' in mapped)) return;
    expect(mapped.page).toEqual({
      slug: 'about-us',
      title: 'About & contact',
      description: 'We report on the council.',
      updatedAt: '2026-11-20T10:00:00Z',
      body: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'We report on ' },
            { type: 'link', href: '/council/', text: 'the council' },
            { type: 'text', text: '.' },
          ],
        },
        { type: 'subheading', text: 'Who we are' },
        { type: 'list', ordered: false, items: [[{ type: 'text', text: 'One' }]] },
      ],
    });
  });

  it('takes the first paragraph, not WordPress’s generated excerpt, when no excerpt was written', () => {
    const generated = mapPage(wpPage({ excerpt: { rendered: '<p>We report on the council. Who we are One</p>' } }));
    expect('page' in generated && generated.page.description).toBe('We report on the council.');
  });

  it('takes a written excerpt as the description, and refuses an empty or protected page with a reason', () => {
    const withExcerpt = mapPage(wpPage({ excerpt: { rendered: '<p>Who writes Byline.</p>' } }));
    expect('page' in withExcerpt && withExcerpt.page.description).toBe('Who writes Byline.');
    expect(mapPage(wpPage({ content: { rendered: '' } }))).toEqual({
      problem: 'body: A page needs at least one block',
    });
    expect(mapPage(wpPage({ content: { rendered: '<p>x</p>', protected: true } }))).toEqual({
      problem: 'password-protected: not published',
    });
    expect(mapPage({ id: 'x' })).toMatchObject({ problem: expect.stringMatching(/^id: /) });
  });
});
