import { isTimeZone } from '@agora/http';
import { describe, expect, it } from 'vitest';
import { isOpen, localTime, WEEKDAYS, type OpeningHours } from './opening-hours.js';

const everyDay = (opens: string, closes: string): OpeningHours =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, [{ opens, closes }]])) as OpeningHours;

describe('opening hours', () => {
  it('reads the local weekday and time in the place’s time zone', () => {
    // 2026-11-27 is a Friday; 21:30 UTC is already Saturday 00:30 in Moscow (UTC+3).
    expect(localTime(new Date('2026-11-27T21:30:00Z'), 'Europe/Moscow')).toEqual({
      weekday: 'saturday',
      minute: 30,
    });
    expect(localTime(new Date('2026-11-27T21:30:00Z'), 'America/New_York')).toEqual({
      weekday: 'friday',
      minute: 16 * 60 + 30,
    });
  });

  it('is open inside an interval and closed at its closing minute', () => {
    const hours = everyDay('08:00', '22:00');
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-27T05:00:00Z'))).toBe(true); // 08:00 local
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-27T04:59:00Z'))).toBe(false); // 07:59
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-27T19:00:00Z'))).toBe(false); // 22:00
  });

  it('gives the same instant different answers in different time zones', () => {
    const hours = everyDay('09:00', '18:00');
    const at = new Date('2026-11-27T12:00:00Z');
    expect(isOpen(hours, 'Europe/Moscow', at)).toBe(true); // 15:00
    expect(isOpen(hours, 'Asia/Vladivostok', at)).toBe(false); // 22:00
  });

  it('keeps an interval past midnight open into the next day, only where it started the day before', () => {
    const hours: OpeningHours = {
      ...everyDay('10:00', '20:00'),
      friday: [{ opens: '18:00', closes: '02:00' }],
    };
    // Saturday 01:30 in Moscow: still Friday night's interval.
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-27T22:30:00Z'))).toBe(true);
    // Saturday 02:00: closed; Sunday 01:30: Saturday had no late interval.
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-27T23:00:00Z'))).toBe(false);
    expect(isOpen(hours, 'Europe/Moscow', new Date('2026-11-28T22:30:00Z'))).toBe(false);
  });

  it('is closed on a day without intervals, and knows real time zones', () => {
    const hours: OpeningHours = { ...everyDay('00:00', '24:00'), sunday: [] };
    expect(isOpen(hours, 'UTC', new Date('2026-11-29T12:00:00Z'))).toBe(false);
    expect(isOpen(hours, 'UTC', new Date('2026-11-28T23:59:00Z'))).toBe(true);
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
