import { createContext } from 'react';
import type { CommentFormState } from '../../schema/render';

/**
 * The outcome of a comment posted with the page's own form, without JavaScript: the server renders the answer
 * page with it (errors beside the fields and what was typed, or the comment awaiting moderation), and the
 * browser hydrates that page with the same outcome.
 */
export const CommentFormResult = createContext<CommentFormState | undefined>(undefined);
