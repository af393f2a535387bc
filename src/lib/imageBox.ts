/**
 * Size attributes for a content image. With width and height the browser reserves that shape before the image
 * arrives; without them the image gets the `unsized` class, a fixed 3:2 box that shows the whole image inside it
 * (object-fit: contain, in styles.css), so the page does not shift when it loads either way.
 */
export function imageBox(image: { width?: number; height?: number }, className?: string) {
  if (image.width && image.height) return { width: image.width, height: image.height, className };
  return { className: className ? `${className} unsized` : 'unsized' };
}
