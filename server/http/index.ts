/** The http folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { type CachedJson, createResponseCache } from './answerCache';
export { apiError, compressedCopy, sendKept, weakTag } from './answers';
export { clientAddress } from './clientAddress';
export { formRate, renderRate, searchRate } from './clientLimits';
export { originWarning, trustedOrigin } from './origin';
export { plainPage } from './plain';
export { createRateLimiter, retryHeaders } from './rateLimit';
export { serveAssets } from './static';
export { closeWhenBodyUnread } from './unreadBody';
export { escapeXml, xmlText } from './xml';
