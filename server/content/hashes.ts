import { createHash } from 'node:crypto';

/** The content hash: equal hashes mean nothing a reader sees changed, so the write is skipped. */
export const textHash = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
export const contentHash = (value: unknown) => textHash(JSON.stringify(value));
