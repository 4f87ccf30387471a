import { describe, expect, it } from 'vitest';
import { hashtags, mentionedLogins } from './post-text.js';

describe('post text', () => {
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
});
