import type { Element } from 'domhandler';
import type { Block, ImageBlock } from '../../../../src/schema/blocks';
import type { ConvertContext, MediaRef, MediaSize } from './context';
import { classList, descendants, hasClass, textOf } from './dom';
import { noteUnsafeUrl, safeUrl } from './hostile';
import { truncateAtWord } from './text';

const MAX_DIMENSION = 10_000;

const dimension = (value: string | undefined): number | undefined =>
  value !== undefined && /^\s*\d+\s*$/.test(value) && Number(value) > 0 ? Number(value) : undefined;

/** Keeps the aspect ratio while bringing both sides within the schema's limit (a 12000 px panorama, say). */
export function fitDimensions(size: MediaSize): MediaSize {
  const scale = Math.min(1, MAX_DIMENSION / size.width, MAX_DIMENSION / size.height);
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** WordPress names an image's media record in its class ("wp-image-70") or a data attribute. */
export function attachmentId(img: Element): number | undefined {
  const fromClass = classList(img)
    .map((name) => /^wp-image-(\d+)$/.exec(name)?.[1])
    .find(Boolean);
  const id = Number(fromClass ?? img.attribs['data-attachment-id'] ?? img.attribs['data-id']);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * Lazy-loading plugins put the real address in data-src and a placeholder (often a data: URL) in src; the real
 * one is what a reader should get.
 */
export const imageSource = (img: Element): string | undefined =>
  img.attribs['data-lazy-src'] ?? img.attribs['data-src'] ?? img.attribs.src;

/**
 * A relative address is resolved against the post, but only when it names a file ("uploads/a.jpg"): a bare
 * word such as the "x" of <img src=x onerror=…> is a script's trigger, not an image, and would show as broken.
 */
function looksLikeImageAddress(raw: string | undefined): boolean {
  const value = raw?.trim() ?? '';
  if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(value)) return true;
  return /\.[a-z0-9]{2,5}$/i.test(value.split(/[?#]/)[0] ?? '');
}

/** The figure's caption: figcaption, or the classic editor's "wp-caption-text" paragraph. */
export const captionOf = (container: Element): Element | undefined =>
  descendants(container.children).find((child) => child.name === 'figcaption' || hasClass(child, 'wp-caption-text'));

/** The media reference an image without dimensions needs looked up, if any. */
export function mediaRefNeeded(img: Element): MediaRef | undefined {
  if (dimension(img.attribs.width) && dimension(img.attribs.height)) return undefined;
  const src = imageSource(img);
  return src ? { id: attachmentId(img), src } : undefined;
}

/**
 * An image block from an img, with the caption of the figure around it. Width and height come from the markup,
 * then from the media record; without either they are left out (the reader reserves a box of fixed ratio).
 * An image whose address is unusable is left out with a note, its caption kept as text.
 */
export function convertImage(img: Element, container: Element | undefined, ctx: ConvertContext): Block[] {
  const captionElement = container && captionOf(container);
  const caption = captionElement ? truncateAtWord(textOf(captionElement.children), 600) : '';
  const raw = imageSource(img);
  const src = looksLikeImageAddress(raw) ? safeUrl(raw, ctx) : undefined;
  if (!src) {
    noteUnsafeUrl(raw, 'image', ctx);
    return caption ? [{ type: 'paragraph', content: [{ type: 'text', text: caption }] }] : [];
  }
  const width = dimension(img.attribs.width);
  const height = dimension(img.attribs.height);
  const size = width && height ? { width, height } : ctx.mediaSize?.({ id: attachmentId(img), src });
  const block: ImageBlock = {
    type: 'image',
    src,
    alt: truncateAtWord(img.attribs.alt ?? '', 400),
    ...(size ? fitDimensions(size) : {}),
    ...(caption ? { caption } : {}),
  };
  if (!size) ctx.notes.push('image without width and height');
  return [block];
}
