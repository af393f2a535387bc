import { SEARCH_PARAMS } from '../server/search';

/**
 * The query parameters Varnish keeps, by path family: the one list a developer extends when a route starts
 * reading a parameter. Every other parameter (utm_*, fbclid, gclid, ?x=1 cache busters) is removed before the
 * cache is looked up, so it neither splits the cache nor reaches Byline. `npm run vcl:render` writes this list
 * into deploy/varnish/byline-query.vcl; scripts/varnish-query.test.ts fails when the code reads a parameter that
 * is not kept here for the file that reads it, or when a file named here no longer reads it.
 *
 * To keep a new parameter: add it (with the files that read it) to its family, or add a family, then run
 * `BYLINE_BACKENDS=127.0.0.1:3000 npm run vcl:render -- deploy/varnish` and commit both files.
 */
export interface QueryFamily {
  /** What the family is, for the VCL's comment. */
  name: string;
  /** The path (without the query) it applies to: a regular expression that PCRE2 and JavaScript read alike. */
  path: string;
  /** Each kept parameter, with the files (repository paths) that read it. */
  keep: Record<string, string[]>;
  /** Leaves the query as sent (the parameters in `keep` are then only the record of who reads what). */
  untouched?: true;
}

/**
 * Files that read parameters by a list's names (SEARCH_PARAMS, or src/features/search's SEARCH_FIELDS, which
 * is part of it) rather than by literal names: the test cannot see those names in the code, so they are here.
 */
export const LIST_READERS: Record<string, readonly string[]> = {
  'server/search/routes.ts': SEARCH_PARAMS,
  'server/pages/query.ts': SEARCH_PARAMS,
  'src/features/search/queries.ts': SEARCH_PARAMS.filter((name) => name !== 'cursor'),
};

/** What search reads (SEARCH_PARAMS), each parameter with `readers` and the files in `extra` that read it. */
function searchKeep(readers: string[], extra: Record<string, string[]>): Record<string, string[]> {
  const keep: Record<string, string[]> = {};
  for (const name of SEARCH_PARAMS) {
    const listed = readers.filter((file) => LIST_READERS[file]?.includes(name));
    keep[name] = [...listed, ...(extra[name] ?? [])];
  }
  return keep;
}

const PAGE_QUERY = 'server/pages/query.ts';
const APP_ROUTES = 'src/app/routes.tsx';
const LOAD_MORE = 'src/lib/LoadMore.tsx';

/** First match wins; a path in no family keeps no parameter. */
export const QUERY_FAMILIES: QueryFamily[] = [
  // The moderation and publishing APIs: each request carries its token (and passes), and reads what it reads.
  {
    name: 'admin API',
    path: '^/api/admin/',
    untouched: true,
    keep: {
      status: ['server/comments/admin.ts', 'server/publishing/routes.ts'],
      cursor: ['server/comments/admin.ts'],
      story: ['server/comments/admin.ts'],
      q: ['server/comments/admin.ts'],
    },
  },
  {
    name: 'front page',
    path: '^/$',
    keep: { cursor: [PAGE_QUERY, APP_ROUTES, LOAD_MORE], p: ['server/sources/wordpress/permalinks.ts'] },
  },
  { name: 'old WordPress address', path: '^/index\\.php$', keep: { p: ['server/sources/wordpress/permalinks.ts'] } },
  {
    name: 'section and author pages',
    path: '^/(sections|authors|tags)/[^/]+/?$',
    keep: { cursor: [PAGE_QUERY, APP_ROUTES, LOAD_MORE] },
  },
  {
    name: 'story page',
    path: '^/stories/[^/]+/?$',
    keep: {
      cursor: [PAGE_QUERY, APP_ROUTES, LOAD_MORE],
      page: [PAGE_QUERY, APP_ROUTES, 'src/app/StoryRoute.tsx'],
      replytocom: [PAGE_QUERY, 'src/features/comments/CommentsSection.tsx'],
    },
  },
  {
    name: 'search page',
    path: '^/search/?$',
    keep: searchKeep([PAGE_QUERY, 'src/features/search/queries.ts'], {
      q: ['src/features/search/SearchPage.tsx', 'src/features/search/SearchForm.tsx'],
      section: ['src/features/search/SearchPage.tsx'],
      author: ['src/features/search/SearchPage.tsx'],
      from: ['src/features/search/SearchPage.tsx'],
      to: ['src/features/search/SearchPage.tsx'],
      tag: ['src/features/search/SearchPage.tsx'],
      cursor: [APP_ROUTES, LOAD_MORE],
    }),
  },
  {
    name: 'story lists (API)',
    path: '^/api/(stories|sections/[^/]+|authors/[^/]+|tags/[^/]+)/?$',
    keep: { cursor: ['server/stories/routes.ts'], limit: ['server/stories/routes.ts'] },
  },
  { name: 'search (API)', path: '^/api/search/?$', keep: searchKeep(['server/search/routes.ts'], {}) },
  { name: 'comments (API)', path: '^/api/stories/[^/]+/comments/?$', keep: { cursor: ['server/comments/routes.ts'] } },
  { name: 'live entries (API)', path: '^/api/stories/[^/]+/live/?$', keep: { page: ['server/live/routes.ts'] } },
  { name: 'live updates (API)', path: '^/api/stories/[^/]+/updates/?$', keep: { since: ['server/live/routes.ts'] } },
  // Piped before the query rule (byline.vcl), so never rewritten; listed because the server reads it.
  { name: 'live events (API)', path: '^/api/stories/[^/]+/events/?$', keep: { since: ['server/live/eventRoutes.ts'] } },
  { name: 'image variants', path: '^/img/[^/]+/[^/]+$', keep: { src: ['server/images/routes.ts'] } },
  {
    name: 'WordPress previews',
    path: '^/preview/[^/]+$',
    keep: { token: ['server/sources/wordpress/previewRoute.ts'] },
  },
];

const NAME = /^[a-z][a-z0-9_]*$/i;
const HEADER = 'req.http.x-byline-query';
const KEPT = 'req.http.x-byline-kept';
const PATH = 'req.http.x-byline-path';

/** Checks what goes into the VCL: names are plain words and paths hold nothing that ends a VCL string. */
function check(families: QueryFamily[]) {
  for (const family of families) {
    if (/["\n]/.test(family.path))
      throw new Error(`query family "${family.name}": its path may not hold " or a newline`);
    new RegExp(family.path);
    for (const name of Object.keys(family.keep)) {
      if (!NAME.test(name)) throw new Error(`query family "${family.name}": "${name}" is not a plain parameter name`);
    }
  }
}

/** One family's branch: the first value of each kept parameter, in name order, each at most once. */
function keepLines(keep: Record<string, string[]>): string[] {
  const lines = [`        set ${KEPT} = "";`];
  for (const name of Object.keys(keep).sort()) {
    lines.push(
      `        # ${name}: read by ${keep[name]!.join(', ')}`,
      `        if (${HEADER} ~ "&${name}(=|&|$)") {`,
      `            set ${KEPT} = ${KEPT} + "&" + regsub(${HEADER}, "^.*?&(${name}(=[^&]*)?)(&.*)?$", "\\1");`,
      '        }',
    );
  }
  lines.push(
    `        set req.url = ${PATH} + regsub(${KEPT}, "^&", "?");`,
    // The lines above already write the names in order; querysort is the guarantee the cache key rests on.
    '        set req.url = std.querysort(req.url);',
  );
  return lines;
}

/** deploy/varnish/byline-query.vcl: `sub byline_query`, which byline.vcl calls for every GET and HEAD. */
export function renderQueryVcl(families: QueryFamily[] = QUERY_FAMILIES): string {
  check(families);
  const branches = families.map((family, index) => {
    const test = `${index === 0 ? '    if' : '    } elsif'} (${PATH} ~ "${family.path}") {`;
    const body = family.untouched
      ? [`        # ${family.name}: the query as sent.`]
      : [`        # ${family.name}`, ...keepLines(family.keep)];
    return [test, ...body].join('\n');
  });
  return `# Written by scripts/render-vcl.ts (npm run vcl:render) from the list in scripts/varnish-query.ts.
# Do not edit: change the list and render it again. Included by byline.vcl, which imports std.

# The query parameters each path family reads; every other one (utm_*, fbclid, gclid, cache busters) is
# removed, so it neither makes a new cache entry nor reaches Byline. Of a kept parameter only its first value
# is kept (Byline reads the first), and what is left is sorted: one spelling, one cache entry.
sub byline_query {
    if (req.url !~ "\\?") {
        return;
    }
    set ${PATH} = regsub(req.url, "\\?.*$", "");
    # The query behind a leading "&", so that every parameter starts with "&".
    set ${HEADER} = "&" + regsub(req.url, "^[^?]*\\?", "");
${branches.join('\n')}
    } else {
        set req.url = ${PATH};
    }
    unset ${HEADER};
    unset ${KEPT};
    unset ${PATH};
}
`;
}
