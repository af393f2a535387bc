// What the store reads of search: pure text handling, no server parts (the routes import the store).
export { searchDocument, type SearchDocument } from './document';
export { parseQuery, MAX_QUERY_LENGTH, type Clause, type ParsedQuery, type SearchQuery, type Term } from './query';
export { cleanText, foldAccents, MATCH_END, MATCH_START, wordsOf } from './text';
