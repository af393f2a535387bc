/** The content folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { authorImageOrigins, excerptOf, originOf, readingMinutes, storyImageOrigins } from './derived';
export { type ContentFault, type FaultOutcome, formatFault, formatPath } from './faults';
export { contentHash, textHash } from './hashes';
export { type TextPosition, jsonSyntaxError, locate, positionAt } from './jsonPosition';
export { issuePath, plainIssue } from './plainIssues';
export { RELATED_MAX, RELATED_MIN, type RelatedCandidate, pickRelated } from './related';
export { MAX_QUERY_LENGTH, parseQuery } from './searchQuery';
export { searchDocument, type SearchDocument } from './searchDocument';
export { type Clause, type ParsedQuery, type SearchQuery, type Term } from './searchQuery';
export { cleanText, foldAccents, MATCH_END, MATCH_START, wordsOf } from './searchText';
