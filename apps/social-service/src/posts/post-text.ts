import { sanitizeText, textLength } from '@agora/http';
import { SocialErrorCode, SocialException } from '../social.errors.js';

/** Longest post text, in characters (code points) after sanitizing. */
export const POST_TEXT_MAX_LENGTH = 5000;
/** Longest comment text. */
export const COMMENT_TEXT_MAX_LENGTH = 2000;
/** Most photos on a post. */
export const POST_PHOTOS_MAX = 10;
/** Most @mentions and #tags a text carries (later ones stay text). */
export const MENTIONS_MAX = 20;
export const TAGS_MAX = 20;

/** Lower-cased logins after `@` (letters, digits, `_ . -`), each once, at most MENTIONS_MAX. */
export function mentionedLogins(text: string): string[] {
  const logins = new Set<string>();
  for (const match of text.matchAll(/(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)/g)) {
    logins.add(match[1].toLowerCase());
    if (logins.size === MENTIONS_MAX) {
      break;
    }
  }
  return [...logins];
}

/** Lower-cased `#tags` (letters, digits, `_`, up to 50), each once, at most TAGS_MAX. */
export function hashtags(text: string): string[] {
  const tags = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}_#&])#([\p{L}\p{N}_]{1,50})(?![\p{L}\p{N}_])/gu)) {
    tags.add(match[1].toLowerCase());
    if (tags.size === TAGS_MAX) {
      break;
    }
  }
  return [...tags];
}

/** The text as stored (sanitized), refused past `max` characters with TEXT_TOO_LONG naming `field`. */
export function cleanText(text: string, max: number, field: string): string {
  const clean = sanitizeText(text);
  if (textLength(clean) > max) {
    throw new SocialException(SocialErrorCode.TEXT_TOO_LONG, `The text is longer than ${max} characters`, {
      errors: [{ field, messages: [`at most ${max} characters`] }],
    });
  }
  return clean;
}
