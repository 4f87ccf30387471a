import { CardsErrorCode, CardsException } from './cards.errors.js';

/** The highest cloze number: `{{c1::…}}` to `{{c50::…}}`. */
export const CLOZE_MAX_NUMBER = 50;

/** `{{c<N>::answer}}` or `{{c<N>::answer::hint}}`; the answer and hint hold no braces. */
const DELETION = /\{\{c(\d{1,3})::([^{}]*?)(?:::([^{}]*?))?\}\}/g;

/** One card of a cloze note: its number, the question (its deletions hidden) and the answer (all shown). */
export interface ClozeCard {
  readonly number: number;
  readonly front: string;
  readonly back: string;
}

function invalid(detail: string): CardsException {
  return new CardsException(CardsErrorCode.INVALID_CLOZE, detail, {
    errors: [{ field: 'text', messages: [detail] }],
  });
}

/**
 * The cards of a cloze note, one per cloze number, ascending (Anki's Cloze note type): card N shows `[...]`
 * (or `[hint]`) where each `{{cN::…}}` deletion was and the other deletions' answers; its back shows every
 * answer. Refused (INVALID_CLOZE) without a deletion, with an empty answer, a number outside 1–50, or braces
 * left unmatched around a deletion.
 */
export function clozeCards(text: string): ClozeCard[] {
  const deletions = [...text.matchAll(DELETION)];
  if (deletions.length === 0) {
    throw invalid('cloze text needs at least one {{c1::answer}} deletion');
  }
  const numbers = new Set<number>();
  for (const [whole, digits, answer] of deletions) {
    const number = Number(digits);
    if (number < 1 || number > CLOZE_MAX_NUMBER || digits.startsWith('0')) {
      throw invalid(`${whole}: cloze numbers run from 1 to ${CLOZE_MAX_NUMBER}`);
    }
    if (answer.trim() === '') {
      throw invalid(`${whole}: a deletion needs an answer`);
    }
    numbers.add(number);
  }
  if (/\{\{|\}\}/.test(text.replace(DELETION, ''))) {
    throw invalid('a {{ or }} outside a {{cN::answer}} deletion');
  }
  const back = text.replace(DELETION, (_whole, _number: string, answer: string) => answer);
  return [...numbers]
    .sort((a, b) => a - b)
    .map((number) => ({
      number,
      front: text.replace(DELETION, (_whole, digits: string, answer: string, hint: string | undefined) =>
        Number(digits) === number ? `[${hint?.trim() ? hint : '...'}]` : answer,
      ),
      back,
    }));
}
