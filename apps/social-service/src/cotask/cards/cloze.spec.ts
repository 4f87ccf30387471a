import { describe, expect, it } from 'vitest';
import { CardsException } from './cards.errors.js';
import { clozeCards } from './cloze.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof CardsException ? error.code : 'not a cards problem';
  }
  return undefined;
};

describe('cloze cards', () => {
  it('makes one card per cloze number, hiding that number and showing the others', () => {
    expect(clozeCards('{{c1::Ethiopia}} grows {{c2::Yirgacheffe}} in {{c1::Sidama}}')).toEqual([
      { number: 1, front: '[...] grows Yirgacheffe in [...]', back: 'Ethiopia grows Yirgacheffe in Sidama' },
      { number: 2, front: 'Ethiopia grows [...] in Sidama', back: 'Ethiopia grows Yirgacheffe in Sidama' },
    ]);
  });

  it('shows a hint in place of the deletion and orders the numbers', () => {
    expect(clozeCards('{{c3::2416B::calibre}} drives the {{c10::Amphibia}}')).toEqual([
      { number: 3, front: '[calibre] drives the Amphibia', back: '2416B drives the Amphibia' },
      { number: 10, front: '2416B drives the [...]', back: '2416B drives the Amphibia' },
    ]);
  });

  it.each([
    ['no deletion', 'plain text'],
    ['an empty answer', '{{c1::  }} here'],
    ['number 0', '{{c0::zero}}'],
    ['number 51', '{{c51::too far}}'],
    ['a leading zero', '{{c01::x}}'],
    ['an unmatched brace', '{{c1::a}} and {{c2::b'],
    ['a stray closing brace', '{{c1::a}} }}'],
  ])('refuses %s with INVALID_CLOZE', (_case, text) => {
    expect(codeOf(() => clozeCards(text))).toBe('INVALID_CLOZE');
  });
});
