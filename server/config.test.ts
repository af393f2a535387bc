import { describe, expect, it } from 'vitest';
import { MIN_ADMIN_TOKEN_LENGTH, readConfig } from './config';

describe('readConfig', () => {
  it('refuses an ADMIN_TOKEN shorter than 32 characters at start, saying how long it must be (issue 21 row 15)', () => {
    for (const token of ['x', 'secret-token', 'a'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1)]) {
      expect(() => readConfig({ ADMIN_TOKEN: token })).toThrow(
        `ADMIN_TOKEN must be at least 32 characters (it has ${token.length})`,
      );
    }
  });

  it('takes a token of 32 characters or more, and none when unset or empty', () => {
    const token = 'a'.repeat(MIN_ADMIN_TOKEN_LENGTH);
    expect(readConfig({ ADMIN_TOKEN: token }).adminToken).toBe(token);
    expect(readConfig({ ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
    expect(readConfig({}).adminToken).toBeUndefined();
  });

  it('leaves live event streams off unless LIVE_EVENTS is 1 or true, with at most 2,000 a server', () => {
    expect(readConfig({})).toMatchObject({ liveEvents: false, liveEventsMax: 2000 });
    expect(readConfig({ LIVE_EVENTS: '0' }).liveEvents).toBe(false);
    expect(readConfig({ LIVE_EVENTS: 'true' }).liveEvents).toBe(true);
    expect(readConfig({ LIVE_EVENTS: '1', LIVE_EVENTS_MAX: '50' })).toMatchObject({
      liveEvents: true,
      liveEventsMax: 50,
    });
    expect(readConfig({ LIVE_EVENTS_MAX: '0' }).liveEventsMax).toBe(1);
  });

  it('has defaults for the rate limits, and reads them from the environment', () => {
    expect(readConfig({})).toMatchObject({
      formRatePerMinute: 30,
      renderRatePerMinute: 120,
      searchRatePerMinute: 60,
      adminFailuresPerMinute: 10,
      rateTableBytes: 2 * 1024 * 1024,
    });
    expect(
      readConfig({
        FORM_RATE_PER_MINUTE: '0',
        RENDER_RATE_PER_MINUTE: '7',
        SEARCH_RATE_PER_MINUTE: '0',
        ADMIN_FAILURES_PER_MINUTE: '3',
        RATE_TABLE_BYTES: '65536',
      }),
    ).toMatchObject({
      formRatePerMinute: 0,
      renderRatePerMinute: 7,
      searchRatePerMinute: 0,
      adminFailuresPerMinute: 3,
      rateTableBytes: 65536,
    });
    expect(() => readConfig({ FORM_RATE_PER_MINUTE: 'many' })).toThrow('FORM_RATE_PER_MINUTE must be a whole number');
  });

  it('reads the moderation settings: COMMENT_MAX_LINKS, the email recipients, SMTP_URL and the window', () => {
    expect(readConfig({})).toMatchObject({
      commentMaxLinks: 2,
      moderationEmailTo: [],
      smtpUrl: undefined,
      moderationEmailEveryMinutes: 15,
    });
    expect(
      readConfig({
        COMMENT_MAX_LINKS: '0',
        MODERATION_EMAIL_TO: ' desk@news.example, night@news.example ,',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        MODERATION_EMAIL_EVERY_MINUTES: '5',
      }),
    ).toMatchObject({
      commentMaxLinks: 0,
      moderationEmailTo: ['desk@news.example', 'night@news.example'],
      smtpUrl: 'smtp://127.0.0.1:2525',
      moderationEmailEveryMinutes: 5,
    });
    expect(() => readConfig({ MODERATION_EMAIL_TO: 'desk@news.example; night' })).toThrow(
      'MODERATION_EMAIL_TO must be email addresses separated by commas; "desk@news.example; night" is not one',
    );
    expect(() => readConfig({ SMTP_URL: 'http://mail.example' })).toThrow('SMTP_URL must start with smtp://');
  });

  it("holds WordPress's media to every image-origin rule unless WORDPRESS_MEDIA_INTERNAL vouches for it", () => {
    expect(readConfig({}).wordpressMediaInternal).toBe(false);
    expect(readConfig({ WORDPRESS_MEDIA_INTERNAL: '0' }).wordpressMediaInternal).toBe(false);
    expect(readConfig({ WORDPRESS_MEDIA_INTERNAL: '1' }).wordpressMediaInternal).toBe(true);
  });
});
