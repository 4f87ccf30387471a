import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDateIn,
  calendarDaysBetween,
  isCalendarDate,
  isTimeZone,
} from './calendar.js';

describe('calendar helpers', () => {
  it('knows real time zones and calendar dates', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('+03:00')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('20260-01-01')).toBe(false);
  });

  it('reads the date of an instant in a zone and counts days across a DST change', () => {
    const instant = new Date('2026-03-28T23:30:00Z');
    expect(calendarDateIn('UTC', instant)).toBe('2026-03-28');
    expect(calendarDateIn('Europe/Moscow', instant)).toBe('2026-03-29');
    expect(calendarDateIn('America/Los_Angeles', instant)).toBe('2026-03-28');
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(calendarDaysBetween('2026-03-27', '2026-04-03')).toBe(7);
  });
});
