import { describe, expect, it } from 'vitest';
import { hashtags, mentionedLogins, sanitizeText, textLength } from './post-text.js';

describe('post text', () => {
  it('removes control and bidi-override characters, keeps line breaks and markup as typed', () => {
    expect(sanitizeText('  a\u0007b\r\nc\u202Ed <b>x</b>  \n\n\n\n\nend ')).toBe('ab\ncd <b>x</b>\n\n\nend');
    expect(sanitizeText('e\u0301')).toBe('é');
    expect(sanitizeText('\u0001\u0002 ')).toBe('');
  });

  it('finds each @mention and #tag once, lower-cased, not inside words or e-mail addresses', () => {
    expect(mentionedLogins('hi @Anna and @anna, mail me at bob@example.com; @boris.')).toEqual([
      'anna',
      'boris',
    ]);
    expect(hashtags('#Coffee #coffee #эфиопия a#b &#39; ##x #_ok')).toEqual(['coffee', 'эфиопия', '_ok']);
  });

  it('caps mentions and tags at twenty each', () => {
    const text = Array.from({ length: 30 }, (_, index) => `@user${index} #tag${index}`).join(' ');
    expect(mentionedLogins(text)).toHaveLength(20);
    expect(hashtags(text)).toHaveLength(20);
  });

  it('counts characters as code points', () => {
    expect(textLength('☕️😀')).toBe(3);
  });
});
