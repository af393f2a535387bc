/** Escapes text for XML and HTML, in element content and in quoted attributes alike. */
export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);

/**
 * Removes characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): escaping
 * cannot express them, and one would make a feed unreadable.
 */
export const xmlSafe = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

/** Text ready for an XML document: allowed characters only, escaped. */
export const xmlText = (text: string) => escapeXml(xmlSafe(text));
