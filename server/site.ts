import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Site, SiteFile } from '../src/schema';
import { socialHandle } from '../src/schema/social';
import { formatPath, type ContentFault } from './content';
import { accentProblems } from './branding';

/**
 * What a site without content/site.json is called. Deliberately plain: an operator sees the warning at start,
 * and readers see no product name the publisher did not choose.
 */
export const PLACEHOLDER_SITE: Site = Site.parse({ name: 'News', description: 'The latest stories.', language: 'en' });

export type SiteResult =
  { site: Site; faults: []; missing: boolean } | { site: undefined; faults: ContentFault[]; missing: false };

/** Reads and validates <contentDir>/site.json. A missing file gives the placeholder; an invalid one its faults. */
export function readSite(contentDir: string, displayRoot = process.cwd()): SiteResult {
  const path = join(contentDir, 'site.json');
  const file = relative(displayRoot, path) || path;
  if (!existsSync(path)) return { site: PLACEHOLDER_SITE, faults: [], missing: true };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return {
      site: undefined,
      faults: [{ file, path: '', message: `Invalid JSON: ${(error as Error).message}` }],
      missing: false,
    };
  }
  const result = SiteFile.safeParse(raw);
  if (!result.success) {
    return {
      site: undefined,
      faults: result.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: issue.message })),
      missing: false,
    };
  }
  const { $schema: _ignored, ...site } = result.data;
  const refused = [
    ...(site.accentColor ? accentProblems(site.accentColor) : []),
    ...(site.icon && !existsSync(join(contentDir, site.icon))
      ? [{ path: 'icon', message: `There is no file ${site.icon} in the content folder` }]
      : []),
  ];
  if (refused.length > 0)
    return { site: undefined, faults: refused.map((fault) => ({ file, ...fault })), missing: false };
  const x = site.social.find((link) => link.network === 'x');
  return { site: { ...site, twitterSite: x && socialHandle(x) }, faults: [], missing: false };
}
