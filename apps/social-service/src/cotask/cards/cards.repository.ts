import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import { CardReviewEntity } from './card-review.entity.js';
import { CardEntity, MASTERED_STABILITY_DAYS } from './card.entity.js';
import type { CardsProductivity, DeckStatsDto, ForecastDayDto } from './cards.dto.js';
import type { GeneratedDeck } from './deck.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a generated card says of its catalog item. */
export interface GeneratedCard {
  readonly itemId: string;
  readonly front: string;
  readonly back: string;
}

/** A generated card as a row of `jsonb_to_recordset`. */
const toCardRecord = (card: GeneratedCard) => ({ item_id: card.itemId, front: card.front, back: card.back });

/** The only code that touches `social.cotask_cards` and `social.cotask_card_reviews` (a deck's cards and their log). */
@Injectable()
export class CardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async addMany(tx: Tx, cards: DeepPartial<CardEntity>[]): Promise<CardEntity[]> {
    const rows = cards.map((card) => ({ ...card, id: newId() }));
    await tx.insert(CardEntity, rows);
    return tx.find(CardEntity, {
      where: rows.map(({ id }) => ({ id })),
      order: { clozeNumber: 'ASC', id: 'ASC' },
    });
  }

  find(id: string): Promise<CardEntity | null> {
    return this.dataSource.getRepository(CardEntity).findOneBy({ id });
  }

  lock(tx: Tx, id: string): Promise<CardEntity | null> {
    return tx.findOne(CardEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(tx: Tx, card: CardEntity): Promise<CardEntity> {
    return tx.save(card);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(CardEntity, { id });
  }

  list(deckId: string, query: ParsedListQuery): Promise<Page<CardEntity>> {
    const builder = this.dataSource
      .getRepository(CardEntity)
      .createQueryBuilder('card')
      .where('card.deckId = :deckId', { deckId });
    return findPage(builder, query);
  }

  /** The deck's cards due at `now`, by the list query (the (deck, due, id) index, keyset pages). */
  due(deckId: string, now: Date, query: ParsedListQuery): Promise<Page<CardEntity>> {
    const builder = this.dataSource
      .getRepository(CardEntity)
      .createQueryBuilder('card')
      .where('card.deckId = :deckId AND card.due <= :now', { deckId, now });
    return findPage(builder, query);
  }

  /** Whether a card of the deck is not mastered (an index probe on the unmastered partial index). */
  async anyUnmastered(tx: Tx, deckId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "social"."cotask_cards"
        WHERE "deck_id" = $1 AND ("state" <> 2 OR "stability" < ${MASTERED_STABILITY_DAYS}) LIMIT 1`,
      [deckId],
    );
    return rows.length > 0;
  }

  async count(tx: Tx, deckId: string): Promise<number> {
    const [{ count }] = await tx.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "social"."cotask_cards" WHERE "deck_id" = $1`,
      [deckId],
    );
    return count;
  }

  async addReview(tx: Tx, review: DeepPartial<CardReviewEntity>): Promise<CardReviewEntity> {
    const id = newId();
    await tx.insert(CardReviewEntity, { ...review, id });
    return tx.findOneByOrFail(CardReviewEntity, { id });
  }

  reviews(cardId: string, query: ParsedListQuery): Promise<Page<CardReviewEntity>> {
    const builder = this.dataSource
      .getRepository(CardReviewEntity)
      .createQueryBuilder('review')
      .where('review.cardId = :cardId', { cardId });
    return findPage(builder, query);
  }

  /** Reviews due per UTC day from `now`'s day for `days` days; cards already overdue count on the first. */
  async forecast(deckId: string, now: Date, days: number): Promise<ForecastDayDto[]> {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const end = new Date(start.getTime() + days * DAY_MS);
    const rows = await this.dataSource.query<{ day: number; reviews: number }[]>(
      `SELECT GREATEST(floor(extract(epoch FROM ("due" - $2::timestamptz)) / 86400), 0)::int AS "day",
              count(*)::int AS "reviews"
         FROM "social"."cotask_cards" WHERE "deck_id" = $1 AND "due" < $3
        GROUP BY 1`,
      [deckId, start, end],
    );
    const byDay = new Map(rows.map((row) => [row.day, row.reviews]));
    return Array.from({ length: days }, (_, day) => ({
      date: new Date(start.getTime() + day * DAY_MS).toISOString().slice(0, 10),
      reviews: byDay.get(day) ?? 0,
    }));
  }

  async stats(deckId: string, now: Date): Promise<DeckStatsDto> {
    const [cards] = await this.dataSource.query<Omit<DeckStatsDto, 'reviews' | 'measuredRetention'>[]>(
      `SELECT count(*)::int AS "cards",
              count(*) FILTER (WHERE "state" = 0)::int AS "new",
              count(*) FILTER (WHERE "state" = 1)::int AS "learning",
              count(*) FILTER (WHERE "state" = 2)::int AS "review",
              count(*) FILTER (WHERE "state" = 3)::int AS "relearning",
              count(*) FILTER (WHERE "state" = 2 AND "stability" >= ${MASTERED_STABILITY_DAYS})::int AS "mastered",
              count(*) FILTER (WHERE "due" <= $2)::int AS "dueNow"
         FROM "social"."cotask_cards" WHERE "deck_id" = $1`,
      [deckId, now],
    );
    const [reviews] = await this.dataSource.query<{ reviews: number; inReview: number; recalled: number }[]>(
      `SELECT count(*)::int AS "reviews",
              count(*) FILTER (WHERE "state" = 2)::int AS "inReview",
              count(*) FILTER (WHERE "state" = 2 AND "grade" <> 'again')::int AS "recalled"
         FROM "social"."cotask_card_reviews" WHERE "deck_id" = $1`,
      [deckId],
    );
    return {
      ...cards,
      reviews: reviews.reviews,
      measuredRetention: reviews.inReview > 0 ? reviews.recalled / reviews.inReview : null,
    };
  }

  /** The user's reviews of the last 7 and 30 days and measured retention over the 30 (aggregates only). */
  async productivity(userId: string, now: Date): Promise<CardsProductivity> {
    const [row] = await this.dataSource.query<
      { week: number; month: number; inReview: number; recalled: number }[]
    >(
      `SELECT count(*) FILTER (WHERE "reviewed_at" > $2)::int AS "week",
              count(*)::int AS "month",
              count(*) FILTER (WHERE "state" = 2)::int AS "inReview",
              count(*) FILTER (WHERE "state" = 2 AND "grade" <> 'again')::int AS "recalled"
         FROM "social"."cotask_card_reviews" WHERE "user_id" = $1 AND "reviewed_at" > $3`,
      [userId, new Date(now.getTime() - 7 * DAY_MS), new Date(now.getTime() - 30 * DAY_MS)],
    );
    return {
      reviewedLast7Days: row.week,
      reviewedLast30Days: row.month,
      measuredRetention: row.inReview > 0 ? row.recalled / row.inReview : null,
    };
  }

  /** Copies a deck's cards into another (the copier's) with fresh schedules: new, due at `now`. */
  async copyAll(tx: Tx, fromDeckId: string, toDeckId: string, ownerId: string, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."cotask_cards"
         ("id", "deck_id", "owner_id", "kind", "front", "back", "text", "cloze_number", "due")
       SELECT gen_random_uuid(), $2, $3, "kind", "front", "back", "text", "cloze_number", $4
         FROM "social"."cotask_cards" WHERE "deck_id" = $1`,
      [fromDeckId, toDeckId, ownerId, now],
    );
  }

  /** Adds the generated cards to a new subscription of a generated deck (new, due at `now`). */
  async addGenerated(
    tx: Tx,
    deckId: string,
    ownerId: string,
    cards: readonly GeneratedCard[],
    now: Date,
  ): Promise<void> {
    if (cards.length === 0) {
      return;
    }
    await tx.query(
      `INSERT INTO "social"."cotask_cards" ("id", "deck_id", "owner_id", "kind", "front", "back", "item_id", "due")
       SELECT gen_random_uuid(), $1, $2, 'basic', card."front", card."back", card."item_id", $3
         FROM jsonb_to_recordset($4::jsonb) AS card("item_id" uuid, "front" text, "back" text)`,
      [deckId, ownerId, now, JSON.stringify(cards.map(toCardRecord))],
    );
  }

  /**
   * Puts the items' cards in every subscription of the generated deck (one card per item): a new card where there is none; where
   * there is one whose text changed, the new text, and when its answer (`back`) changed a fresh schedule (the
   * learner learnt another answer). A card whose text did not change keeps its schedule untouched.
   */
  async refreshGenerated(
    tx: Tx,
    generated: GeneratedDeck,
    cards: readonly GeneratedCard[],
    now: Date,
  ): Promise<void> {
    if (cards.length === 0) {
      return;
    }
    await tx.query(
      `INSERT INTO "social"."cotask_cards" ("id", "deck_id", "owner_id", "kind", "front", "back", "item_id", "due")
       SELECT gen_random_uuid(), deck."id", deck."owner_id", 'basic', card."front", card."back", card."item_id", $3
         FROM "social"."cotask_decks" deck
        CROSS JOIN jsonb_to_recordset($2::jsonb) AS card("item_id" uuid, "front" text, "back" text)
        WHERE deck."generated" = $1
       ON CONFLICT ("deck_id", "item_id") WHERE "item_id" IS NOT NULL DO UPDATE SET
         "front" = EXCLUDED."front",
         "back" = EXCLUDED."back",
         "version" = "cotask_cards"."version" + 1,
         "updated_at" = now(),
         "due" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."due" ELSE EXCLUDED."due" END,
         "stability" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."stability" ELSE 0 END,
         "difficulty" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."difficulty" ELSE 0 END,
         "elapsed_days" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."elapsed_days" ELSE 0 END,
         "scheduled_days" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."scheduled_days" ELSE 0 END,
         "learning_steps" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."learning_steps" ELSE 0 END,
         "reps" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."reps" ELSE 0 END,
         "lapses" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."lapses" ELSE 0 END,
         "state" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."state" ELSE 0 END,
         "last_review" = CASE WHEN "cotask_cards"."back" = EXCLUDED."back" THEN "cotask_cards"."last_review" ELSE NULL END
       WHERE "cotask_cards"."front" <> EXCLUDED."front" OR "cotask_cards"."back" <> EXCLUDED."back"`,
      [generated, JSON.stringify(cards.map(toCardRecord)), now],
    );
  }

  /** Removes the items' cards from every generated deck (their reviews stay in the log, without the card). */
  async removeGenerated(tx: Tx, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) {
      return;
    }
    await tx.query(`DELETE FROM "social"."cotask_cards" WHERE "item_id" = ANY($1::uuid[])`, [itemIds]);
  }
}
