import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { SHARE_VISIBILITIES, type ShareVisibility } from '../achievements/achievement.types.js';
import { GRADES, type CardReviewEntity } from './card-review.entity.js';
import { CARD_KINDS, CARD_STATES, type CardEntity, type CardKind, type CardState } from './card.entity.js';
import {
  DECK_SHARINGS,
  GENERATED_DECKS,
  type DeckEntity,
  type DeckSharing,
  type GeneratedDeck,
} from './deck.entity.js';

/** Longest deck title, description and card side, in characters after sanitizing. */
export const DECK_TITLE_MAX = 200;
export const DECK_DESCRIPTION_MAX = 2000;
export const CARD_TEXT_MAX = 5000;
export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.99;
/** Most days a forecast looks ahead. */
export const FORECAST_DAYS_MAX = 365;

/** The caller's decks (or public ones): newest first by default. */
export const DECK_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', title: 'string', sharing: 'string', generated: 'string' },
  sortable: ['createdAt', 'title'],
  searchable: ['title'],
  defaultSort: '-createdAt',
};

/** A deck's cards: oldest first by default. */
export const CARD_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', due: 'date', state: 'integer', kind: 'string' },
  sortable: ['createdAt', 'due'],
  defaultSort: 'createdAt',
};

/** The due queue: cards due now, the longest overdue first (keyset by due time). */
export const DUE_LIST_QUERY: ListQuerySpec = {
  fields: { due: 'date', state: 'integer' },
  sortable: ['due'],
  defaultSort: 'due',
};

/** A card's review log, newest first. */
export const REVIEW_LIST_QUERY: ListQuerySpec = {
  fields: { reviewedAt: 'date', grade: 'string' },
  sortable: ['reviewedAt'],
  defaultSort: '-reviewedAt',
};

export class CreateDeckDto {
  @ApiProperty({ maxLength: DECK_TITLE_MAX, example: 'Coffee processing' })
  @IsString()
  @MaxLength(DECK_TITLE_MAX * 2)
  title!: string;

  @ApiPropertyOptional({ maxLength: DECK_DESCRIPTION_MAX })
  @Omittable()
  @IsString()
  @MaxLength(DECK_DESCRIPTION_MAX * 2)
  description?: string;

  @ApiPropertyOptional({
    minimum: RETENTION_MIN,
    maximum: RETENTION_MAX,
    default: 0.9,
    description: 'The recall probability FSRS schedules reviews at',
  })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(RETENTION_MIN)
  @Max(RETENTION_MAX)
  desiredRetention?: number;

  @ApiPropertyOptional({
    enum: SHARE_VISIBILITIES,
    default: 'followers',
    description: 'Who sees it mastered',
  })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareMastery?: ShareVisibility;

  @ApiPropertyOptional({
    enum: DECK_SHARINGS,
    default: 'private',
    description: '`public`: anyone reads and copies it',
  })
  @Omittable()
  @IsIn(DECK_SHARINGS)
  sharing?: DeckSharing;
}

/** An edit: the fields sent change (If-Match with the deck's ETag). */
export class UpdateDeckDto {
  @ApiPropertyOptional({ maxLength: DECK_TITLE_MAX })
  @Omittable()
  @IsString()
  @MaxLength(DECK_TITLE_MAX * 2)
  title?: string;

  @ApiPropertyOptional({ maxLength: DECK_DESCRIPTION_MAX })
  @Omittable()
  @IsString()
  @MaxLength(DECK_DESCRIPTION_MAX * 2)
  description?: string;

  @ApiPropertyOptional({ minimum: RETENTION_MIN, maximum: RETENTION_MAX })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(RETENTION_MIN)
  @Max(RETENTION_MAX)
  desiredRetention?: number;

  @ApiPropertyOptional({ enum: SHARE_VISIBILITIES })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareMastery?: ShareVisibility;

  @ApiPropertyOptional({ enum: DECK_SHARINGS })
  @Omittable()
  @IsIn(DECK_SHARINGS)
  sharing?: DeckSharing;
}

export class DeckDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ minimum: RETENTION_MIN, maximum: RETENTION_MAX })
  desiredRetention!: number;

  @ApiProperty({ enum: SHARE_VISIBILITIES })
  shareMastery!: ShareVisibility;

  @ApiProperty({ enum: DECK_SHARINGS })
  sharing!: DeckSharing;

  @ApiProperty({
    type: String,
    enum: GENERATED_DECKS,
    nullable: true,
    description: 'The catalog deck it follows',
  })
  generated!: GeneratedDeck | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The deck it was copied from' })
  copiedFrom!: string | null;

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const DeckPageDto = PageOf(DeckDto);
export type DeckPageDto = Page<DeckDto>;

/** A basic card (`front` and `back`) or a cloze note (`text`, one card per cloze number). */
export class CreateCardDto {
  @ApiPropertyOptional({ maxLength: CARD_TEXT_MAX, example: 'Washed process' })
  @Omittable()
  @IsString()
  @MaxLength(CARD_TEXT_MAX * 2)
  front?: string;

  @ApiPropertyOptional({ maxLength: CARD_TEXT_MAX, example: 'Fruit removed before drying' })
  @Omittable()
  @IsString()
  @MaxLength(CARD_TEXT_MAX * 2)
  back?: string;

  @ApiPropertyOptional({
    maxLength: CARD_TEXT_MAX,
    example: '{{c1::Yirgacheffe}} is a region of {{c2::Ethiopia}}',
    description: 'Cloze text: `{{cN::answer}}` or `{{cN::answer::hint}}`, N from 1 to 50',
  })
  @Omittable()
  @IsString()
  @MaxLength(CARD_TEXT_MAX * 2)
  text?: string;
}

/** An edit of a card: `front`/`back` of a basic card, `text` of a cloze card (its number must stay in it). */
export class UpdateCardDto extends CreateCardDto {}

export class CardDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  deckId!: string;

  @ApiProperty({ enum: CARD_KINDS })
  kind!: CardKind;

  @ApiProperty()
  front!: string;

  @ApiProperty()
  back!: string;

  @ApiProperty({ type: String, nullable: true, description: "A cloze card's note text" })
  text!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  clozeNumber!: number | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The catalog item of a generated card',
  })
  itemId!: string | null;

  @ApiProperty({ enum: CARD_STATES })
  state!: CardState;

  @ApiProperty({ format: 'date-time' })
  due!: string;

  @ApiProperty({ description: 'FSRS stability, in days' })
  stability!: number;

  @ApiProperty({ description: 'FSRS difficulty, 1–10' })
  difficulty!: number;

  @ApiProperty({ type: 'integer' })
  scheduledDays!: number;

  @ApiProperty({ type: 'integer' })
  reps!: number;

  @ApiProperty({ type: 'integer' })
  lapses!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastReview!: string | null;

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const CardPageDto = PageOf(CardDto);
export type CardPageDto = Page<CardDto>;

export class CreatedCardsDto {
  @ApiProperty({ type: [CardDto], description: 'One card, or one per cloze number' })
  cards!: CardDto[];
}

export class ReviewCardDto {
  @ApiProperty({
    enum: GRADES,
    description: 'Anything else (another word, a number, null, nothing) is a 422 INVALID_GRADE',
  })
  @Allow()
  grade!: unknown;
}

export class ReviewLogDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  cardId!: string | null;

  @ApiProperty({ enum: GRADES })
  grade!: string;

  @ApiProperty({ enum: CARD_STATES, description: "The card's state before the review" })
  state!: CardState;

  @ApiProperty({ format: 'date-time', description: 'When the card was due before the review' })
  due!: string;

  @ApiProperty()
  stability!: number;

  @ApiProperty()
  difficulty!: number;

  @ApiProperty({ type: 'integer' })
  scheduledDays!: number;

  @ApiProperty({ format: 'date-time' })
  reviewedAt!: string;
}

export const ReviewLogPageDto = PageOf(ReviewLogDto);
export type ReviewLogPageDto = Page<ReviewLogDto>;

export class ReviewResultDto {
  @ApiProperty({ type: CardDto, description: 'The card after the review' })
  card!: CardDto;

  @ApiProperty({ type: ReviewLogDto })
  review!: ReviewLogDto;

  @ApiProperty({
    description: 'Whether this review mastered the deck (every card in review, stability ≥ 21 days)',
  })
  deckMastered!: boolean;
}

export class ForecastQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: FORECAST_DAYS_MAX, default: 7 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FORECAST_DAYS_MAX)
  days?: number;
}

export class ForecastDayDto {
  @ApiProperty({ format: 'date', description: 'A UTC day; the first one also counts overdue cards' })
  date!: string;

  @ApiProperty({ type: 'integer' })
  reviews!: number;
}

export class ForecastDto {
  @ApiProperty({ type: [ForecastDayDto] })
  days!: ForecastDayDto[];
}

export class DeckStatsDto {
  @ApiProperty({ type: 'integer' })
  cards!: number;

  @ApiProperty({ type: 'integer', description: 'Cards in each FSRS state' })
  new!: number;

  @ApiProperty({ type: 'integer' })
  learning!: number;

  @ApiProperty({ type: 'integer' })
  review!: number;

  @ApiProperty({ type: 'integer' })
  relearning!: number;

  @ApiProperty({ type: 'integer', description: 'In review state with stability ≥ 21 days' })
  mastered!: number;

  @ApiProperty({ type: 'integer' })
  dueNow!: number;

  @ApiProperty({ type: 'integer', description: 'Reviews ever logged in the deck' })
  reviews!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of reviews of cards in review state not graded again; null before the first',
  })
  measuredRetention!: number | null;
}

export class GeneratedDeckDto {
  @ApiProperty({ enum: GENERATED_DECKS })
  key!: GeneratedDeck;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: 'integer', description: 'Catalog items it holds a card of now' })
  cards!: number;
}

export class GeneratedDeckListDto {
  @ApiProperty({ type: [GeneratedDeckDto] })
  items!: GeneratedDeckDto[];
}

/** A user's reviewing, for the productivity profile (aggregates only, never card contents). */
export interface CardsProductivity {
  readonly reviewedLast7Days: number;
  readonly reviewedLast30Days: number;
  /** Share of review-state reviews (last 30 days) not graded again; null without any. */
  readonly measuredRetention: number | null;
}

const iso = (date: Date) => date.toISOString();

export function toDeckDto(deck: DeckEntity): DeckDto {
  return {
    id: deck.id,
    ownerId: deck.ownerId,
    title: deck.title,
    description: deck.description,
    desiredRetention: deck.desiredRetention,
    shareMastery: deck.shareMastery,
    sharing: deck.sharing,
    generated: deck.generated,
    copiedFrom: deck.copiedFrom,
    version: deck.version,
    createdAt: iso(deck.createdAt),
    updatedAt: iso(deck.updatedAt),
  };
}

export const stateName = (state: number): CardState => CARD_STATES[state] ?? 'new';

export function toCardDto(card: CardEntity): CardDto {
  return {
    id: card.id,
    deckId: card.deckId,
    kind: card.kind,
    front: card.front,
    back: card.back,
    text: card.text,
    clozeNumber: card.clozeNumber,
    itemId: card.itemId,
    state: stateName(card.state),
    due: iso(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview ? iso(card.lastReview) : null,
    version: card.version,
    createdAt: iso(card.createdAt),
  };
}

export function toReviewLogDto(review: CardReviewEntity): ReviewLogDto {
  return {
    id: review.id,
    cardId: review.cardId,
    grade: review.grade,
    state: stateName(review.state),
    due: iso(review.due),
    stability: review.stability,
    difficulty: review.difficulty,
    scheduledDays: review.scheduledDays,
    reviewedAt: iso(review.reviewedAt),
  };
}
