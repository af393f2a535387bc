import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import type { Site } from '../../src/schema/site';
import type { Icons } from './icons';
import { encodeIco } from './png';
import type { ContentFault } from '../content';

/** The largest icon served; every other size is made from this square. */
const MASTER = 512;
/** The raster the SVG icon wraps: sharp enough for a tab or a home screen, small enough for every first visit. */
const SVG_RASTER = 192;

/**
 * The site's icons made from site.json's `icon` (a file in the content folder): cropped to its central square,
 * then scaled to each size. Read and checked at start, so a file that is not an image stops the start with a
 * clear message instead of failing a reader's request. An SVG source is drawn at a density that fills the
 * largest icon. The SVG icon wraps a PNG: the operator's own SVG is never served as a document of this origin.
 */
export async function sourceIcons(path: string, shownAs: string): Promise<Icons> {
  let master: Buffer;
  try {
    const input = await readFile(path);
    const { format, width = 0, height = 0 } = await sharp(input).metadata();
    const density =
      format === 'svg' ? Math.min(2400, Math.ceil((72 * MASTER) / Math.max(1, Math.min(width, height)))) : undefined;
    master = await sharp(input, density ? { density } : {})
      .resize(MASTER, MASTER, { fit: 'cover' })
      .png()
      .toBuffer();
  } catch (error) {
    throw new Error(`${shownAs} is not an image that can be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  const png = (size: number) => sharp(master).resize(size, size).png().toBuffer();
  return {
    png,
    ico: async () => encodeIco(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await png(size) })))),
    svg: async () =>
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SVG_RASTER} ${SVG_RASTER}" width="${SVG_RASTER}" ` +
      `height="${SVG_RASTER}"><image width="${SVG_RASTER}" height="${SVG_RASTER}" ` +
      `href="data:image/png;base64,${(await png(SVG_RASTER)).toString('base64')}"/></svg>\n`,
  };
}

/**
 * The icons site.json's `icon` names, made now, or the fault that says why they cannot be (reported like any
 * other site.json fault, by the server at start and by `npm run content:check`); no icons when it names none.
 */
export async function loadSiteIcons(
  site: Pick<Site, 'icon'>,
  contentDir: string,
  displayRoot = process.cwd(),
): Promise<{ icons?: Icons; faults: ContentFault[] }> {
  if (!site.icon) return { faults: [] };
  try {
    return { icons: await sourceIcons(join(contentDir, site.icon), site.icon), faults: [] };
  } catch (error) {
    const file = relative(displayRoot, join(contentDir, 'site.json'));
    return { faults: [{ file, path: 'icon', message: (error as Error).message }] };
  }
}
