/**
 * Counts web addresses in a comment, as WordPress does when it holds link-heavy comments for moderation. One
 * match takes the whole address, so `https://www.example.com` counts once, not once for each of its prefixes.
 */
export const countLinks = (text: string) => (text.match(/(?:https?:\/\/|\bwww\.)[^\s<>"]+/gi) ?? []).length;
