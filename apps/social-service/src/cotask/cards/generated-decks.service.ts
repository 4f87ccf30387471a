import type { AuthenticatedUser } from '@agora/auth';
import type { CatalogItemChangedV1, EventEnvelope } from '@agora/contracts';
import { Inbox, UnitOfWork, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { toDeckDto, type DeckDto, type GeneratedDeckListDto } from './cards.dto.js';
import { CardsErrorCode, CardsException } from './cards.errors.js';
import { CardsRepository } from './cards.repository.js';
import { CatalogFactsRepository, type CatalogFact } from './catalog-facts.repository.js';
import { GENERATED_DECKS, type DeckEntity, type GeneratedDeck } from './deck.entity.js';
import { DecksRepository } from './decks.repository.js';
import {
  GENERATED_DECK_DEFINITIONS,
  generatedDeckOf,
  type GeneratedDeckDefinition,
} from './generated-decks.js';
import { lockOwnerProfile } from '../owner-profile.js';

/** What catalog tells of an item as it is now: an item event's payload, or an item of catalog's snapshot. */
export type CatalogItemState = Pick<CatalogItemChangedV1, 'kind' | 'itemId' | 'name' | 'version' | 'facts'>;

/** The inbox consumer name of catalog's item events for CoTask's generated decks. */
export const GENERATED_DECKS_CONSUMER = 'social.cotask-cards';

/**
 * Decks generated from the catalog ("Coffee origins", "Soviet calibres"): social-service keeps what catalog's
 * item events say of coffees and watches, a user subscribes to a generated deck (a deck of theirs with one
 * card per item), and every change of an item reaches every subscription in the event's transaction: a new
 * item adds its card, a changed answer rewrites its card with a fresh schedule, a deleted item (or one whose
 * answer is no longer known) removes it; cards whose text did not change keep their schedules.
 */
@Injectable()
export class GeneratedDecksService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly facts: CatalogFactsRepository,
    private readonly decks: DecksRepository,
    private readonly cards: CardsRepository,
  ) {}

  async list(): Promise<GeneratedDeckListDto> {
    const items = await Promise.all(
      GENERATED_DECKS.map(async (key) => {
        const definition = GENERATED_DECK_DEFINITIONS[key];
        return {
          key,
          title: definition.title,
          description: definition.description,
          cards: await this.facts.count(definition.itemKind),
        };
      }),
    );
    return { items };
  }

  /** A deck of the caller's following the generated deck (one per user: a second is a 409). */
  async subscribe(user: AuthenticatedUser, key: string): Promise<DeckDto> {
    if (!(GENERATED_DECKS as readonly string[]).includes(key)) {
      throw new CardsException(
        CardsErrorCode.GENERATED_DECK_NOT_FOUND,
        `No generated deck ${key.slice(0, 100)}: one of ${GENERATED_DECKS.join(', ')}`,
      );
    }
    const definition = GENERATED_DECK_DEFINITIONS[key as GeneratedDeck];
    return this.unitOfWork.run(async (tx) => {
      const deck = await this.subscribeIn(tx, user.id, definition.key);
      if (!deck) {
        throw new CardsException(
          CardsErrorCode.DECK_ALREADY_SUBSCRIBED,
          `You have the ${definition.title} deck already`,
        );
      }
      return toDeckDto(deck);
    });
  }

  /**
   * The user's new deck following the generated deck, in the caller's transaction (for the concretizer too);
   * null when they follow it already.
   */
  async subscribeIn(tx: Tx, userId: string, key: GeneratedDeck): Promise<DeckEntity | null> {
    const definition = GENERATED_DECK_DEFINITIONS[key];
    await lockOwnerProfile(tx, userId);
    await this.lockDeck(tx, definition.key);
    const deck = await this.decks.addGenerated(tx, {
      ownerId: userId,
      title: definition.title,
      description: definition.description,
      generated: definition.key,
    });
    if (!deck) {
      return null;
    }
    const cards = (await this.facts.all(tx, definition.itemKind))
      .map((fact) => definition.card(fact))
      .filter((card) => card !== null);
    await this.cards.addGenerated(tx, deck.id, userId, cards, new Date());
    return deck;
  }

  /** The user's deck following the generated deck, made now or found from before (the concretizer's). */
  async followIn(tx: Tx, userId: string, key: GeneratedDeck): Promise<DeckEntity> {
    const deck =
      (await this.subscribeIn(tx, userId, key)) ?? (await this.decks.findGenerated(tx, userId, key));
    if (!deck) {
      throw new Error(`The ${key} deck of ${userId} is neither new nor there`);
    }
    return deck;
  }

  async onItemChanged(
    event: EventEnvelope<'catalog.item.created.v1'> | EventEnvelope<'catalog.item.updated.v1'>,
  ): Promise<void> {
    if (!generatedDeckOf(event.payload.kind)) {
      return;
    }
    await this.inbox.consumeOnce(GENERATED_DECKS_CONSUMER, event, (tx) => this.keep(tx, [event.payload]));
  }

  async onItemDeleted(event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    const definition = generatedDeckOf(event.payload.kind);
    if (!definition) {
      return;
    }
    await this.inbox.consumeOnce(GENERATED_DECKS_CONSUMER, event, async (tx) => {
      await this.lockDeck(tx, definition.key);
      await this.facts.remove(tx, event.payload.itemId, definition.itemKind);
      await this.cards.removeGenerated(tx, [event.payload.itemId]);
    });
  }

  /**
   * Items catalog no longer holds (a catalog copy rebuild's retired items), in the caller's transaction: their
   * facts become tombstones and every subscription's card of them goes, as on their deletion events.
   */
  async forget(tx: Tx, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) {
      return;
    }
    for (const definition of Object.values(GENERATED_DECK_DEFINITIONS)) {
      await this.lockDeck(tx, definition.key);
    }
    await this.facts.removeMany(tx, itemIds);
    await this.cards.removeGenerated(tx, itemIds);
  }

  /**
   * Catalog items as they are now (an item event's, a page of catalog's snapshot), in the caller's transaction:
   * the facts of the coffees and watches among them, and every subscription's card of each item whose change
   * was not stale. Items of other kinds are left out.
   */
  async keep(tx: Tx, items: readonly CatalogItemState[]): Promise<void> {
    for (const definition of Object.values(GENERATED_DECK_DEFINITIONS)) {
      const ofKind = items.filter((item) => item.kind === definition.itemKind);
      // Changes without facts (events written before they existed) leave the facts kept as they were.
      for (const known of [true, false]) {
        const facts = ofKind
          .filter((item) => (item.facts !== undefined) === known)
          .map((item) => ({
            itemId: item.itemId,
            kind: definition.itemKind,
            name: item.name,
            countryCode: item.facts?.countryCode ?? null,
            region: item.facts?.region ?? null,
            mechanism: item.facts?.mechanism ?? null,
            version: item.version,
          }));
        if (facts.length > 0) {
          await this.lockDeck(tx, definition.key);
          await this.refresh(tx, definition, await this.facts.put(tx, facts, known));
        }
      }
    }
  }

  /** Each kept item's card in every subscription, or, when its answer is no longer known, no card of it. */
  private async refresh(
    tx: Tx,
    definition: GeneratedDeckDefinition,
    kept: readonly CatalogFact[],
  ): Promise<void> {
    const cards = kept.map((fact) => ({ itemId: fact.itemId, card: definition.card(fact) }));
    await this.cards.refreshGenerated(
      tx,
      definition.key,
      cards.flatMap(({ card }) => (card ? [card] : [])),
      new Date(),
    );
    await this.cards.removeGenerated(
      tx,
      cards.filter(({ card }) => !card).map(({ itemId }) => itemId),
    );
  }

  /**
   * Serialises a generated deck's subscriptions with its refreshes: a subscription made while an item changes
   * gets the item's card either from the facts it reads or from the refresh that sees its deck.
   */
  private async lockDeck(tx: Tx, key: GeneratedDeck): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('social.cotask-generated:' || $1, 0))`, [
      key,
    ]);
  }
}
