import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code CoTask's cards (the forgetting curve, issue 19) answer with, and its status. */
export const CARDS_ERRORS = {
  DECK_NOT_FOUND: { status: 404, description: 'no deck with this id that the caller may see' },
  NOT_YOUR_DECK: { status: 403, description: 'only its owner changes a deck, its cards and reviews them' },
  FLASHCARD_NOT_FOUND: { status: 404, description: 'no card with this id in a deck of the caller' },
  FLASHCARD_NOT_DUE: {
    status: 409,
    description: 'the card is not due yet (it was just reviewed): one review per due state',
  },
  INVALID_GRADE: { status: 422, description: 'a review grade is one of again, hard, good, easy' },
  INVALID_CLOZE: {
    status: 422,
    description: 'cloze text needs {{cN::answer}} deletions (N from 1 to 50) with a non-empty answer',
  },
  EMPTY_FLASHCARD: { status: 422, description: 'a card needs a front and a back, or cloze text' },
  FLASHCARD_TEXT_TOO_LONG: { status: 422, description: "a card's or deck's text is longer than its limit" },
  GENERATED_DECK_CARD: {
    status: 409,
    description: "a generated deck's cards come from the catalog: they are not added or edited by hand",
  },
  GENERATED_DECK_NOT_FOUND: {
    status: 404,
    description: 'no deck generated from the catalog by this key (coffee-origins, soviet-calibres)',
  },
  DECK_ALREADY_SUBSCRIBED: { status: 409, description: 'the caller already has this generated deck' },
} as const satisfies ErrorCatalog;

export type CardsErrorCode = keyof typeof CARDS_ERRORS;
export const CardsErrorCode = codesOf(CARDS_ERRORS);

export class CardsException extends DomainException<CardsErrorCode> {
  constructor(code: CardsErrorCode, detail: string, extras?: ProblemExtras) {
    super(CARDS_ERRORS, code, detail, extras);
  }
}

/** The codes a cards route can answer with, for its OpenAPI responses. */
export const ApiCardsErrors = (...codes: CardsErrorCode[]) => ApiErrors(CARDS_ERRORS, ...codes);
