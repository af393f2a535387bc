/** "Climate & Energy" -> "climate-energy": the address of a section's page. Plain code, no zod, for the first load. */
export function sectionSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
