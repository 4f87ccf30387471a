import { OrderErrorCode, OrderException } from '../order.errors.js';

/**
 * Control characters other than tab and line feed, and the bidirectional overrides that make text read
 * differently from how it is stored (Trojan Source): removed from every text.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A user's text as stored and shown (shop details, reports, decisions): Unicode NFC, line breaks as `\n`, no
 * control or bidi-override characters, trimmed; clients render it as text, never HTML. Empty text is refused
 * unless `optional`, text longer than `max` code points always.
 */
export function cleanText(text: string, max: number, field: string, optional = false): string {
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, '')
    .replace(/[ \t]+$/gm, '')
    .trim();
  if (!clean && !optional) {
    throw new OrderException(OrderErrorCode.EMPTY_TEXT, `${field} needs text`, {
      errors: [{ field, messages: ['must not be empty'] }],
    });
  }
  if ([...clean].length > max) {
    throw new OrderException(OrderErrorCode.TEXT_TOO_LONG, `${field} is longer than ${max} characters`, {
      errors: [{ field, messages: [`must be at most ${max} characters`] }],
    });
  }
  return clean;
}

/** Optional text as stored: null when absent or empty after cleaning. */
export function optionalText(text: string | undefined | null, max: number, field: string): string | null {
  return text === undefined || text === null ? null : cleanText(text, max, field, true) || null;
}
