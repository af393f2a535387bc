/** The sources folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { jsonFiles, parseFile } from './files/read';
export { syncFiles } from './files/sync';
export { watchContent } from './files/watch';
export { type WordPressClient } from './wordpress/client';
export { type ConvertContext, type ConvertOptions, newContext } from './wordpress/convert/context';
export { descendants, parseHtml } from './wordpress/convert/dom';
export { type PermalinkLookup } from './wordpress/permalinks';
export { signPreview } from './wordpress/preview';
export { previewRoutes } from './wordpress/previewRoute';
export { redirectPermalinks } from './wordpress/routes';
export { startWordPressSource } from './wordpress/source';
export { type KnownPost, type StoryChange, type SyncReport, type WordPressSink } from './wordpress/sync';
