import * as z from 'zod/mini';
import { AuthorFile, PageFile, SiteFile, StoryFile } from '../src/schema';

/** JSON Schemas for publishers' editors, generated from the zod contract so the two never drift. */
export function contentJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodMiniType, title: string, id: string) =>
    JSON.stringify({ ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title, $id: id }, null, 2) + '\n';
  return {
    'story.schema.json': render(StoryFile, 'Byline story', 'https://byline.example/schema/story.schema.json'),
    'author.schema.json': render(AuthorFile, 'Byline author', 'https://byline.example/schema/author.schema.json'),
    'page.schema.json': render(PageFile, 'Byline page', 'https://byline.example/schema/page.schema.json'),
    'site.schema.json': render(SiteFile, 'Byline site', 'https://byline.example/schema/site.schema.json'),
  };
}
