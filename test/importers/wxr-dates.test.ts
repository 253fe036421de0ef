import { describe, expect, it } from 'vitest';
import { parseWordpressTime, SiteClock } from '../../src/modules/importers/wxr-dates.js';

describe('WordPress dates', () => {
  it.each([
    ['2024-10-28 09:05:07', '2024-10-28T09:05:07.000Z'],
    ['2024-10-28T09:05:07', '2024-10-28T09:05:07.000Z'],
    ['2024-10-28 09:05', '2024-10-28T09:05:00.000Z'],
    [' 2024-02-29 23:59:59 ', '2024-02-29T23:59:59.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseWordpressTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['0000-00-00 00:00:00', '', 'yesterday', '2024-13-01 00:00:00', '2024-10-28 25:00:00', '0999-01-01 00:00:00'])(
    'finds no date in %j',
    (text) => {
      expect(parseWordpressTime(text)).toBeUndefined();
    },
  );

  it('takes the UTC field when it is a real date', () => {
    expect(new SiteClock().resolve('2024-10-28 18:00:00', '2024-10-28 09:00:00')?.toISOString()).toBe('2024-10-28T09:00:00.000Z');
  });

  it('applies the offset learned from earlier items to a local time without UTC, including negative and half-hour zones', () => {
    const clock = new SiteClock();
    clock.resolve('2024-10-28 04:30:00', '2024-10-28 09:00:00'); // UTC−4:30
    expect(clock.resolve('2024-11-01 12:00:00', '0000-00-00 00:00:00')?.toISOString()).toBe('2024-11-01T16:30:00.000Z');
  });

  it('ignores an offset that is not whole quarter hours (a typo in one field)', () => {
    const clock = new SiteClock();
    clock.resolve('2024-10-28 18:00:00', '2024-10-28 09:00:00');
    clock.resolve('2024-10-28 18:07:00', '2024-10-28 09:00:00');
    expect(clock.resolve('2024-11-01 12:00:00', '')?.toISOString()).toBe('2024-11-01T03:00:00.000Z');
  });

  it('reads a local time as UTC when no offset is known, and falls back to an RFC 2822 pubDate', () => {
    expect(new SiteClock().resolve('2024-11-01 12:00:00', '0000-00-00 00:00:00')?.toISOString()).toBe('2024-11-01T12:00:00.000Z');
    expect(new SiteClock().resolve('', '', 'Mon, 28 Oct 2024 09:00:00 +0200')?.toISOString()).toBe('2024-10-28T07:00:00.000Z');
    expect(new SiteClock().resolve('', '', 'Mon, 30 Nov -0001 00:00:00 +0000')).toBeUndefined();
  });
});
