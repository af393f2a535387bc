/** Counts web addresses in a comment, as WordPress does when it holds link-heavy comments for moderation. */
export const countLinks = (text: string) => (text.match(/https?:\/\/|www\./gi) ?? []).length;

export const MAX_LINKS_BEFORE_MODERATION = 2;
