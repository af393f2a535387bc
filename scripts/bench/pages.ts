import { sleep } from './stats';

/**
 * The story page after a change: a comment is approved (which drops the cached page, server/pages/cache.ts) and the
 * page is read until it shows it. The story has more comments than its first page lists, so what shows the
 * approval is the count in the comments heading.
 */

const countOnPage = (html: string) => Number(/Comments \((?:<!-- -->)?(\d+)(?:<!-- -->)?\)/.exec(html)?.[1] ?? NaN);

/** Posts one comment (a new commenter, so it is held) and approves it; resolves when the approval is answered. */
export async function approveOneComment(base: string, slug: string, token: string, label: string): Promise<void> {
  const posted = await fetch(`${base}/api/stories/${slug}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      text: `Approved while measuring (${label}): the page should show this at once.`,
      name: 'Bench Reader',
      email: `bench-${label}-${Date.now()}@readers.example`,
    }),
  });
  if (posted.status !== 201) throw new Error(`posting a comment answered ${posted.status}: ${await posted.text()}`);
  const { comment } = (await posted.json()) as { comment: { id: number } };
  const approved = await fetch(`${base}/api/admin/comments/${comment.id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (approved.status !== 200) throw new Error(`approving comment #${comment.id} answered ${approved.status}`);
}

/** Milliseconds from an approval's answer until the story page shows one more comment. */
export async function approvalToPage(base: string, slug: string, token: string): Promise<number> {
  const page = `${base}/stories/${slug}`;
  const before = countOnPage(await (await fetch(page)).text());
  if (Number.isNaN(before)) throw new Error(`${page} shows no comment count`);
  await approveOneComment(base, slug, token, 'timed');
  const approvedAt = performance.now();
  for (;;) {
    const shown = countOnPage(await (await fetch(page)).text());
    if (shown > before) return performance.now() - approvedAt;
    if (performance.now() - approvedAt > 10_000) throw new Error(`${page} still shows ${shown} comments after 10 s`);
    await sleep(5);
  }
}
