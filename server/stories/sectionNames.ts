import { changeKey, type Changes } from '../changes';
import type { Store } from '../store';

/** The names of the sections with a published story, as the header lists them. */
export const sectionNames = async (stories: Store['stories']) =>
  (await stories.sections()).map(({ slug, name }) => ({ slug, name }));

/**
 * Publishes the `sections` key when the list of section names changes: a story in a new section, or the last
 * one of a section withdrawn. Every page carries that list in its header; were it keyed by `front` (which every
 * publication names), each publication anywhere would purge every page from every cache. Each server watches
 * the changes it makes and those relayed to it, reads the list again (once at a time, however many changes
 * arrive meanwhile) and compares; a list changed by another server is published here too, which only purges
 * again what that server purged.
 */
export function announceSectionNameChanges(changes: Changes, stories: Store['stories'], log: (line: string) => void) {
  let known: string | undefined;
  let reading: Promise<void> | undefined;
  let again = false;
  const names = async () => JSON.stringify(await sectionNames(stories));

  // The list as it is before any change; a store still being migrated (as in tests) is asked again shortly.
  const baseline = async (attempt = 0): Promise<void> => {
    try {
      known ??= await names();
    } catch {
      if (attempt < 50) setTimeout(() => void baseline(attempt + 1), 200).unref();
    }
  };

  const read = async () => {
    do {
      again = false;
      const now = await names();
      // Without a list read before, it may have changed: a purge too many is harmless, one too few is not.
      if (now !== known) changes.publish([changeKey.sections]);
      known = now;
    } while (again);
  };

  const check = () => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = read()
      .catch((error: unknown) => log(`sections: could not read the section names: ${(error as Error).message}`))
      .finally(() => (reading = undefined));
    return reading;
  };

  void baseline();
  return changes.subscribe((keys) => {
    if (keys.some((key) => key === changeKey.front || key === changeKey.any)) void check();
  });
}
