import type { GeneratedCard } from './cards.repository.js';
import type { CatalogFact } from './catalog-facts.repository.js';
import type { GeneratedDeck } from './deck.entity.js';

/** A deck built from the catalog: which kind of item, its title, and each item's card (null: no card). */
export interface GeneratedDeckDefinition {
  readonly key: GeneratedDeck;
  readonly itemKind: 'coffee' | 'watch';
  readonly title: string;
  readonly description: string;
  card(fact: CatalogFact): GeneratedCard | null;
}

/**
 * Built on the first card that needs it, not at import: building one loads ICU's region names, about 7 MB of
 * resident memory a service that never generates a deck would carry idle (README, "Memory").
 */
let countries: Intl.DisplayNames | undefined;

/** The country's English name for an ISO 3166-1 alpha-2 code (the code itself when unknown). */
export function countryName(code: string): string {
  countries ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  try {
    return countries.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const GENERATED_DECK_DEFINITIONS: Readonly<Record<GeneratedDeck, GeneratedDeckDefinition>> = {
  'coffee-origins': {
    key: 'coffee-origins',
    itemKind: 'coffee',
    title: 'Coffee origins',
    description:
      "Each coffee of the catalog: the country and region it grew in. Follows the catalog's changes.",
    card: (fact) => {
      const answer = [fact.countryCode ? countryName(fact.countryCode) : null, fact.region]
        .filter((part): part is string => Boolean(part))
        .join(', ');
      return answer
        ? { itemId: fact.itemId, front: `Where does the coffee “${fact.name}” grow?`, back: answer }
        : null;
    },
  },
  'soviet-calibres': {
    key: 'soviet-calibres',
    itemKind: 'watch',
    title: 'Soviet calibres',
    description: "Each watch of the catalog: the mechanism (calibre) inside. Follows the catalog's changes.",
    card: (fact) =>
      fact.mechanism
        ? {
            itemId: fact.itemId,
            front: `Which calibre beats inside the “${fact.name}”?`,
            back: fact.mechanism,
          }
        : null,
  },
};

/** The generated deck of a catalog item kind, if any. */
export function generatedDeckOf(kind: string): GeneratedDeckDefinition | undefined {
  return Object.values(GENERATED_DECK_DEFINITIONS).find((definition) => definition.itemKind === kind);
}
