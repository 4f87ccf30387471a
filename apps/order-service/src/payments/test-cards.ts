/** What a test card does at the test provider. */
export type TestCardBehaviour = 'succeeds' | 'declined' | 'insufficient_funds' | 'capture_fails';

export interface TestCard {
  readonly brand: string;
  readonly behaviour: TestCardBehaviour;
}

/**
 * The test provider's cards (Stripe's test numbers where Stripe has one): any expiry month not yet past, any
 * CVC. No other number is taken, so a real card number is refused before it goes anywhere.
 */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  '4242424242424242': { brand: 'visa', behaviour: 'succeeds' },
  '5555555555554444': { brand: 'mastercard', behaviour: 'succeeds' },
  '4000000000000002': { brand: 'visa', behaviour: 'declined' },
  '4000000000009995': { brand: 'visa', behaviour: 'insufficient_funds' },
  '4000000000000341': { brand: 'visa', behaviour: 'capture_fails' },
};

/** What the buyer is told when a card fails, by failure code. */
export const CARD_FAILURES = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  capture_failed: 'The card issuer refused to release the authorized amount.',
  expired_card: 'Your card has expired.',
} as const;
export type CardFailureCode = keyof typeof CARD_FAILURES;

/** Whether the card has expired at `now` (it is good through the last day of its expiry month, UTC). */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  return expYear < year || (expYear === year && expMonth < now.getUTCMonth() + 1);
}
