/** The admin folder's face: what the rest of Byline uses of it (lint keeps other folders to this file). */
export { requireAdminToken } from './auth';
export { moderatorOf } from './auth';
