/**
 * Control characters other than tab and line feed, and the bidirectional overrides that make text read
 * differently from how it is stored (Trojan Source): removed from every text.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A user's text as stored and shown: Unicode NFC, line breaks as `\n`, no control or bidi-override
 * characters, no trailing spaces on lines, at most two blank lines in a row, trimmed. Clients render it
 * as text (never HTML), so markup characters stay as typed.
 */
export function sanitizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/** Length in code points, as users count characters. */
export function textLength(text: string): number {
  return [...text].length;
}
