import nodemailer from 'nodemailer';
import type { ModerationComment } from '../../src/schema';
import type { Store } from '../store';

/** The newest waiting comments the email lists; the queue has the rest. */
const LISTED = 10;
const EXCERPT = 160;
const MINUTE = 60_000;

export interface WaitingEmailOptions {
  /** The moderators' addresses (MODERATION_EMAIL_TO): the only recipients this ever writes to. */
  to: readonly string[];
  smtpUrl: string;
  everyMinutes: number;
  /** The one trusted origin (server/http/origin.ts): the link to the queue starts with it. */
  origin: () => string;
  siteName: string;
  store: Pick<Store, 'moderation' | 'comments'>;
  log: (message: string) => void;
  now?: () => Date;
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

/** Plain text only: commenters' words are never markup here, and the sender's email is for moderators' eyes. */
export function waitingEmailText(count: number, newest: readonly ModerationComment[], queueUrl: string) {
  const lines = [
    `${count} comment${count === 1 ? '' : 's'} wait${count === 1 ? 's' : ''} for moderation.`,
    '',
    `Open the queue: ${queueUrl}`,
    '',
    ...newest.flatMap((comment) => [
      `- ${comment.name} <${comment.email}> on "${comment.story.headline}" (#${comment.id}):`,
      `  ${oneLine(comment.text)}`,
    ]),
  ];
  if (count > newest.length) lines.push(`…and ${count - newest.length} more in the queue.`);
  return `${lines.join('\n')}\n`;
}

/**
 * Tells the moderators when comments wait: at most one email per `everyMinutes` for the whole cluster (the
 * right to send is a row every server claims with one conditional write). A comment that arrives inside the
 * window is not forgotten: this server looks again when the window ends. Sending never holds up or fails a
 * post: failures are logged and the next pending comment tries again.
 */
export function createWaitingEmail(options: WaitingEmailOptions) {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const now = options.now ?? (() => new Date());
  const windowMs = options.everyMinutes * MINUTE;
  let later: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function send() {
    const { pending } = await options.store.comments.counts();
    if (pending === 0) return;
    const at = now();
    if (!(await options.store.moderation.claimEmailSlot(at.toISOString(), new Date(+at - windowMs).toISOString()))) {
      const last = await options.store.moderation.lastEmailAt();
      lookAgainAt(last ? Date.parse(last) + windowMs : +at + windowMs);
      return;
    }
    const page = await options.store.comments.moderationPage('pending', { limit: LISTED });
    const origin = options.origin();
    const host = new URL(origin).hostname;
    await transport.sendMail({
      from: `Byline moderation <moderation@${host}>`,
      to: [...options.to],
      subject: `${options.siteName}: ${pending} comment${pending === 1 ? '' : 's'} wait${pending === 1 ? 's' : ''} for moderation`,
      text: waitingEmailText(pending, page.comments, `${origin}/admin`),
    });
    options.log(`moderation email: told ${options.to.length} moderator address(es) that ${pending} comment(s) wait`);
  }

  function lookAgainAt(when: number) {
    if (later) return;
    later = setTimeout(
      () => {
        later = undefined;
        commentsWait();
      },
      Math.max(1000, when - +now() + 1000),
    );
    later.unref();
  }

  function commentsWait() {
    // One look at a time per server: a burst of posts makes one claim, not one each.
    running ??= send()
      .catch((error: unknown) => options.log(`moderation email: not sent: ${(error as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    /** Called after a comment is held for moderation; returns at once. */
    commentsWait,
    /** Waits for a look in progress (tests), and stops looking again later. */
    async close() {
      if (later) clearTimeout(later);
      later = undefined;
      await running;
      transport.close();
    },
  };
}

export type WaitingEmail = ReturnType<typeof createWaitingEmail>;
