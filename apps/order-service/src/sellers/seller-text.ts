import { sanitizeText, textLength } from '@agora/http';
import { OrderErrorCode, OrderException } from '../order.errors.js';

/**
 * A user's text as stored and shown (shop details, reports, decisions), sanitized as every user text is
 * (`sanitizeText`); empty text is refused unless `optional`, text longer than `max` code points always.
 */
export function cleanText(text: string, max: number, field: string, optional = false): string {
  const clean = sanitizeText(text);
  if (!clean && !optional) {
    throw new OrderException(OrderErrorCode.EMPTY_TEXT, `${field} needs text`, {
      errors: [{ field, messages: ['must not be empty'] }],
    });
  }
  if (textLength(clean) > max) {
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
