import { describe, expect, it } from 'vitest';
import { sanitizeText, textLength } from './user-text.js';

describe('user text', () => {
  it('removes control and bidi-override characters, keeps line breaks and markup as typed', () => {
    expect(sanitizeText('  a\u0007b\r\nc\u202Ed <b>x</b>  \n\n\n\n\nend ')).toBe('ab\ncd <b>x</b>\n\n\nend');
    expect(sanitizeText('e\u0301')).toBe('é');
    expect(sanitizeText('\u0001\u0002 ')).toBe('');
  });

  it('counts characters as code points', () => {
    expect(textLength('☕️😀')).toBe(3);
  });
});
