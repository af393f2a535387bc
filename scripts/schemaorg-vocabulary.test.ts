import { describe, expect, it } from 'vitest';
import { ancestors, googleLiveBlogProblems, schemaOrgProblems, vocabulary } from '../test/schemaorg/validate';
import { parseCsv, vocabulary as makeVocabulary } from './schemaorg-vocabulary';

const live = {
  '@context': 'https://schema.org',
  '@type': 'LiveBlogPosting',
  headline: 'Storm over the harbour',
  datePublished: '2026-12-07T08:00:00Z',
  coverageStartTime: '2026-12-07T08:00:00Z',
  author: { '@type': 'Person', name: 'Ada Test' },
  liveBlogUpdate: [
    {
      '@type': 'BlogPosting',
      headline: 'Landfall',
      datePublished: '2026-12-07T09:00:00Z',
      articleBody: 'It hit.',
      url: 'https://news.example/stories/storm#entry-a',
    },
  ],
};

describe("schema.org's vocabulary as committed", () => {
  it('knows LiveBlogPosting as an Article, with its own three properties', () => {
    expect(vocabulary.version).toBe('30.0');
    expect([...ancestors('LiveBlogPosting')]).toEqual(
      expect.arrayContaining(['BlogPosting', 'SocialMediaPosting', 'Article', 'CreativeWork', 'Thing']),
    );
    for (const name of ['coverageStartTime', 'coverageEndTime', 'liveBlogUpdate']) {
      expect(vocabulary.properties[name]!.domain).toEqual(['LiveBlogPosting']);
    }
    expect(vocabulary.properties.liveBlogUpdate!.range).toEqual(['BlogPosting']);
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('"id","label","subTypeOf"\r\n"a","A ""quoted"", text","x\ny"\n');
    expect(rows).toEqual([
      ['id', 'label', 'subTypeOf'],
      ['a', 'A "quoted", text', 'x\ny'],
    ]);
    const made = makeVocabulary(
      '1.0',
      '"id","label","subTypeOf","isPartOf","supersededBy"\n"https://schema.org/B","B","https://schema.org/A, https://schema.org/C","https://pending.schema.org",""\n',
      '"id","label","domainIncludes","rangeIncludes","isPartOf","supersededBy"\n"https://schema.org/p","p","https://schema.org/B","https://schema.org/Text","",""\n',
    );
    expect(made.types).toEqual({ B: { parents: ['A', 'C'], pending: true } });
    expect(made.properties).toEqual({ p: { domain: ['B'], range: ['Text'] } });
  });
});

describe('schemaOrgProblems', () => {
  it('finds nothing wrong in a correct live blog', () => {
    expect(schemaOrgProblems(live)).toEqual([]);
    expect(googleLiveBlogProblems(live, false)).toEqual([]);
  });

  it('names an unknown type, an unknown property, a property off its domain, a value out of range', () => {
    expect(schemaOrgProblems({ ...live, '@type': 'LiveBlog' })).toContainEqual(
      expect.stringContaining('"LiveBlog" is not a schema.org type'),
    );
    expect(schemaOrgProblems({ ...live, coverageStart: '2026-12-07T08:00:00Z' })).toEqual([
      '$.coverageStart: coverageStart is not a schema.org property',
    ]);
    // coverageStartTime belongs to LiveBlogPosting: on its BlogPosting updates it is out of its domain.
    const update = { ...live.liveBlogUpdate[0], coverageStartTime: '2026-12-07T09:00:00Z' };
    expect(schemaOrgProblems({ ...live, liveBlogUpdate: [update] })).toEqual([
      expect.stringMatching(/^\$\.liveBlogUpdate\[0\]\.coverageStartTime: .* not a property of BlogPosting/),
    ]);
    expect(schemaOrgProblems({ ...live, liveBlogUpdate: [{ ...update, '@type': 'NewsArticle' }] })).toContainEqual(
      '$.liveBlogUpdate[0]: a NewsArticle is not in the range (BlogPosting)',
    );
    expect(schemaOrgProblems({ ...live, coverageStartTime: 'this morning' })).toEqual([
      '$.coverageStartTime: this morning is not an ISO 8601 date',
    ]);
  });

  it("holds a live blog to Google's required fields, coverageEndTime once ended", () => {
    expect(googleLiveBlogProblems(live, true)).toEqual(['$: no coverageEndTime']);
    const bare = { ...live, liveBlogUpdate: [{ '@type': 'BlogPosting', headline: 'x' }] };
    expect(googleLiveBlogProblems(bare, false)).toEqual([
      '$.liveBlogUpdate[0]: no datePublished',
      '$.liveBlogUpdate[0]: no articleBody',
    ]);
  });
});
