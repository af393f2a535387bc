import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The server's parts and the one direction its imports flow, lowest first: a module may import its own folder,
 * and another part only from a lower layer and only through that part's face (its index.ts). Parts in one layer
 * do not import each other. A new folder under server/ must be placed here before it can be imported.
 */
export const SERVER_LAYERS = [
  // Pure: settings, content rules and derived fields, change keys, byte-bounded caches, a log counter, the
  // site's colours.
  ['config', 'content', 'changes', 'caches', 'periodicCount', 'branding'],
  // Every query and every engine difference.
  ['store'],
  // Answers, limits, origin, static files, the API answer cache.
  ['http'],
  // What the features read or report at start: the site's settings, image origins, health, this server's
  // presence, refused content, the moderators' accounts and email, the image service.
  ['site', 'imageOrigins', 'health', 'presence', 'contentProblems', 'moderators', 'images'],
  // The admin guard: who is asking (the operator or a named moderator).
  ['admin'],
  // Features: ways content comes in, the API, comments, feeds and sitemaps, scheduled publication, search, live updates.
  ['sources', 'publishing', 'stories', 'comments', 'distribution', 'scheduling', 'search', 'live'],
  // Standing pages as readers read them (above the features, below the rendered pages).
  ['standingPages'],
  // Pages rendered from the API answers, with the comment forms and feed links.
  ['pages'],
  // Wiring.
  ['app'],
  ['main'],
];

const layerOf = new Map(SERVER_LAYERS.flatMap((parts, layer) => parts.map((part) => [part, layer])));

/** The part a path under server/ belongs to: its first folder, or a file's name at the root. */
function partOf(serverRoot, path) {
  const inside = relative(serverRoot, path);
  if (inside.startsWith('..')) return undefined;
  const [first, ...rest] = inside.split(sep);
  return { part: rest.length === 0 ? first.replace(/\.(ts|tsx|js)$/, '') : first, folder: rest.length > 0, rest };
}

export const serverLayers = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps the server's imports flowing one way, through each part's face" },
    schema: [],
  },
  create(context) {
    const serverRoot = resolve(context.cwd, 'server');
    const from = partOf(serverRoot, context.filename);
    // A test may exercise any part (often through the whole app), still only through faces.
    const isTest = /\.test\.tsx?$/.test(context.filename);
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = partOf(serverRoot, resolve(dirname(context.filename), specifier));
      if (!target || (from && target.part === from.part)) return;
      const targetLayer = layerOf.get(target.part);
      if (targetLayer === undefined) {
        context.report({ node, message: `Place server/${target.part} in SERVER_LAYERS (eslint/serverLayers.js).` });
        return;
      }
      if (target.folder && !(target.rest.length === 0 || (target.rest.length === 1 && target.rest[0] === 'index'))) {
        context.report({
          node,
          message: `Import server/${target.part} through its face, server/${target.part}/index.ts.`,
        });
      }
      if (!from || isTest) return; // scripts and tests use any part, through its face
      const fromLayer = layerOf.get(from.part);
      if (fromLayer === undefined) {
        context.report({ node, message: `Place server/${from.part} in SERVER_LAYERS (eslint/serverLayers.js).` });
      } else if (fromLayer <= targetLayer) {
        context.report({
          node,
          message:
            `server/${from.part} may not import server/${target.part}: imports flow down the layers of ` +
            'eslint/serverLayers.js (main, app, pages, features, start-up reads, http, store, pure helpers).',
        });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
