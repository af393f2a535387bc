import type { Config } from '../config';
import type { Store } from '../store';
import { createWaitingEmail } from './email';

const DEFAULT_EVERY_MINUTES = 15;

/** The moderators' email when both MODERATION_EMAIL_TO and SMTP_URL are set; otherwise none. */
export function moderatorsEmail(
  store: Store,
  config: Partial<Pick<Config, 'moderationEmailTo' | 'smtpUrl' | 'moderationEmailEveryMinutes'>>,
  origin: () => string,
  siteName: string,
  log: (message: string) => void,
) {
  if (!config.smtpUrl || !config.moderationEmailTo?.length) return undefined;
  return createWaitingEmail({
    to: config.moderationEmailTo,
    smtpUrl: config.smtpUrl,
    everyMinutes: config.moderationEmailEveryMinutes ?? DEFAULT_EVERY_MINUTES,
    origin,
    siteName,
    store,
    log,
  });
}
