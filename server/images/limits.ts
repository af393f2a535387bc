/** Limits every image source shares, whether a file or a fetched URL. */

/** Pixels a source may have: a 12-megapixel camera photo is far below; a decompression bomb (20,000²) is above. */
export const MAX_SOURCE_PIXELS = 60_000_000;
/** Bytes a source may have: a camera JPEG is 5 to 15 MB. */
export const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
