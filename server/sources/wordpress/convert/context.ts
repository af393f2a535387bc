/** What every element converter receives: options from the caller and the list of notes it adds to. */

export interface MediaSize {
  width: number;
  height: number;
}

/** Identifies an image in the HTML: WordPress's attachment id when the markup names it, and its address. */
export interface MediaRef {
  id?: number;
  src: string;
}

export interface ConvertOptions {
  /** The WordPress site's address, to resolve relative links and images ("page/", "../img.jpg"). */
  baseUrl?: string;
  /** Sizes of media records, for images whose markup carries no width and height. */
  mediaSize?: (ref: MediaRef) => MediaSize | undefined;
}

export interface ConvertContext extends ConvertOptions {
  /** What the conversion changed or left out, for the caller to log with the post id. */
  notes: string[];
}

export const newContext = (options: ConvertOptions = {}): ConvertContext => ({ ...options, notes: [] });

/** Notes in order of first appearance, repeats counted: "converted table to text (×2)". */
export function summarizeNotes(notes: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note, (counts.get(note) ?? 0) + 1);
  return [...counts].map(([note, count]) => (count > 1 ? `${note} (×${count})` : note));
}
