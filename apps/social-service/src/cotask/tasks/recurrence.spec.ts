import { isTimeZone } from '@agora/http';
import { describe, expect, it } from 'vitest';
import {
  normalizeRule,
  occurrencesAfter,
  parseDate,
  parseLocalDateTime,
  RecurrenceError,
} from './recurrence.js';
import { instantOf, wallAt, type WallTime } from '../zoned-time.js';

const at = (text: string): WallTime => parseLocalDateTime(text)!;

/** The next five due instants of a task due at `first` (local) in `zone`, as ISO strings. */
function nextFive(rule: string, first: string, zone: string): string[] {
  const anchor = at(first);
  return occurrencesAfter(normalizeRule(rule, anchor), anchor, anchor, 5).map((wall) =>
    instantOf(wall, zone).toISOString(),
  );
}

describe('recurrence', () => {
  it('keeps a weekly 09:00 Europe/Berlin task at 09:00 local across the March DST change', () => {
    // Monday 16 March 2026, 09:00 CET; clocks go forward on Sunday 29 March.
    expect(nextFive('FREQ=WEEKLY;BYDAY=MO', '2026-03-16T09:00', 'Europe/Berlin')).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
      '2026-04-13T07:00:00.000Z',
      '2026-04-20T07:00:00.000Z',
    ]);
  });

  it('reads plain words: "every 2 weeks on Monday" across the October DST change in New York', () => {
    // Monday 19 October 2026, 18:30 EDT; clocks go back on Sunday 1 November.
    expect(nextFive('every 2 weeks on Monday', '2026-10-19T18:30', 'America/New_York')).toEqual([
      '2026-11-02T23:30:00.000Z',
      '2026-11-16T23:30:00.000Z',
      '2026-11-30T23:30:00.000Z',
      '2026-12-14T23:30:00.000Z',
      '2026-12-28T23:30:00.000Z',
    ]);
    expect(normalizeRule('every 2 weeks on Monday', at('2026-10-19T18:30'))).toBe(
      'INTERVAL=2;FREQ=WEEKLY;BYDAY=MO',
    );
  });

  it('moves a daily 02:30 task forward through the spring-forward gap and back after it', () => {
    expect(nextFive('every day', '2026-03-27T02:30', 'Europe/Berlin')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z', // 02:30 does not exist that night: 03:30 CEST
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
      '2026-04-01T00:30:00.000Z',
    ]);
  });

  it('stops at UNTIL and COUNT', () => {
    const anchor = at('2026-01-01T10:00');
    expect(occurrencesAfter(normalizeRule('FREQ=DAILY;COUNT=3', anchor), anchor, anchor, 5)).toHaveLength(2);
  });

  it.each([
    'FREQ=BOGUS',
    'garbage',
    'FREQ=WEEKLY;BYDAY=XX',
    'FREQ=HOURLY',
    'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2',
    'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
    'blah blah',
    'every',
    'every week on funday',
    'every 99999999 days',
    'x'.repeat(400),
    '',
  ])('refuses %j', (rule) => {
    expect(() => normalizeRule(rule, at('2026-01-01T10:00'))).toThrow(RecurrenceError);
  });

  it('knows real zones and dates only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Europe/Berlin\u0000')).toBe(false);
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-16T24:00')).toBeUndefined();
    expect(wallAt(new Date('2026-03-30T07:00:00Z'), 'Europe/Berlin')).toEqual(at('2026-03-30T09:00'));
    // The fall-back hour happens twice: the earlier instant.
    expect(instantOf(at('2026-10-25T02:30'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
