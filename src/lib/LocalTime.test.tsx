import { act } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test gets the module afresh: its clock is module state.
const load = async () => {
  vi.resetModules();
  return import('./LocalTime');
};

const zone = process.env.TZ;
afterEach(() => {
  vi.restoreAllMocks();
  process.env.TZ = zone;
});

const DATES = ['2026-03-05T07:04:00Z', '2026-11-30T23:59:00Z', '2027-01-01T00:00:00Z', '2026-06-15T12:30:00Z'];

describe('serverDate and localDate', () => {
  it('write a date as Intl does in British English, in UTC on the server and in the reader’s zone after', async () => {
    const { serverDate, localDate } = await load();
    // Node applies a new TZ to Date at once: India is 5:30 ahead, so the day and the minutes both move.
    process.env.TZ = 'Asia/Kolkata';
    for (const iso of DATES) {
      const date = new Date(iso);
      for (const [format, options] of [
        ['date', { dateStyle: 'long' }],
        ['datetime', { dateStyle: 'long', timeStyle: 'short' }],
      ] as const) {
        expect(serverDate(date, format)).toBe(new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(date));
        expect(localDate(date, format)).toBe(
          new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'Asia/Kolkata' }).format(date),
        );
      }
    }
    expect(localDate(new Date('2026-11-30T23:59:00Z'), 'datetime')).toBe('1 December 2026 at 05:29');
  });
});

describe('relativeTime', () => {
  it('says how long ago as Intl’s English does, and nothing past a week', async () => {
    const { relativeTime } = await load();
    const at = Date.parse('2026-11-30T12:00:00Z');
    const minute = 60 * 1000;
    const hour = 60 * minute;
    const day = 24 * hour;
    const english = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    for (const [elapsed, unit, size] of [
      [-minute, 'minute', minute],
      [-5 * minute, 'minute', minute],
      [-hour, 'hour', hour],
      [-3 * hour - 20 * minute, 'hour', hour],
      [-day, 'day', day],
      [-3 * day, 'day', day],
      [2 * minute, 'minute', minute],
      [day, 'day', day],
    ] as const) {
      expect(relativeTime(new Date(at + elapsed), at)).toBe(english.format(Math.round(elapsed / size), unit));
    }
    expect(relativeTime(new Date(at - 20 * 1000), at)).toBe('just now');
    expect(relativeTime(new Date(at - 7 * day), at)).toBeUndefined();
  });
});

describe('LocalTime', () => {
  it('hydrates the server text, then switches to the reader’s clock, never creating an Intl formatter', async () => {
    const { LocalTime } = await load();
    const iso = new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();
    const container = document.createElement('div');
    container.innerHTML = renderToString(<LocalTime iso={iso} format="datetime" />);
    document.body.append(container);
    const serverText = container.textContent;
    const serverHtml = container.innerHTML;
    const title = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

    const dateFormats = vi.spyOn(Intl, 'DateTimeFormat');
    const relativeFormats = vi.spyOn(Intl, 'RelativeTimeFormat');
    const recoverable = vi.fn();
    await act(async () => {
      hydrateRoot(container, <LocalTime iso={iso} format="datetime" />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(container.textContent).toBe(serverText);

    await vi.waitFor(() => expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe('3 hours ago'));
    expect(container.querySelector('time')?.title).toBe(title);
    expect(dateFormats).not.toHaveBeenCalled();
    expect(relativeFormats).not.toHaveBeenCalled();

    // A date mounted later (another page, reached in the app) starts on the reader's clock at once.
    const later = document.createElement('div');
    const root = createRoot(later);
    await act(async () => root.render(<LocalTime iso={iso} />));
    expect(later.querySelector('[aria-hidden="true"]')?.textContent).toBe('3 hours ago');
    act(() => root.unmount());

    // A date hydrated after the clock has started (the comments hydrate when they come near the screen) still
    // hydrates the server's text, then takes the clock.
    const late = document.createElement('div');
    late.innerHTML = serverHtml;
    await act(async () => {
      hydrateRoot(late, <LocalTime iso={iso} format="datetime" />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(late.querySelector('[aria-hidden="true"]')?.textContent).toBe('3 hours ago'));
    container.remove();
  });
});
