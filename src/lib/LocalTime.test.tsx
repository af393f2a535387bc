import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test gets the module afresh: its clock and formatters are module state.
const load = async () => {
  vi.resetModules();
  return import('./LocalTime');
};

afterEach(() => vi.restoreAllMocks());

describe('serverDate', () => {
  it('writes a date as Intl does in British English, in UTC', async () => {
    const { serverDate } = await load();
    for (const iso of [
      '2026-03-05T07:04:00Z',
      '2026-11-30T23:59:00Z',
      '2027-01-01T00:00:00Z',
      '2026-06-15T12:30:00Z',
    ]) {
      const date = new Date(iso);
      expect(serverDate(date, 'date')).toBe(
        new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date),
      );
      expect(serverDate(date, 'datetime')).toBe(
        new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date),
      );
    }
  });
});

describe('LocalTime', () => {
  it('hydrates the server text without creating a formatter, then switches to the reader’s clock', async () => {
    const { LocalTime } = await load();
    const iso = new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();
    const container = document.createElement('div');
    container.innerHTML = renderToString(<LocalTime iso={iso} format="datetime" />);
    document.body.append(container);
    const serverText = container.textContent;

    const { DateTimeFormat, RelativeTimeFormat } = Intl;
    const dateFormats = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof DateTimeFormat>
    ) {
      return new DateTimeFormat(...args);
    } as never);
    const relativeFormats = vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof RelativeTimeFormat>
    ) {
      return new RelativeTimeFormat(...args);
    } as never);
    const recoverable = vi.fn();
    await act(async () => {
      hydrateRoot(container, <LocalTime iso={iso} format="datetime" />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(dateFormats).not.toHaveBeenCalled();
    expect(relativeFormats).not.toHaveBeenCalled();
    expect(container.textContent).toBe(serverText);

    // Created later, one per idle moment, after which every date shows the reader's clock.
    await vi.waitFor(() => expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe('3 hours ago'));
    expect(dateFormats).toHaveBeenCalledTimes(2);
    expect(relativeFormats).toHaveBeenCalledTimes(1);
    container.remove();
  });
});
