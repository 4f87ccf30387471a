import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, sanitizeText, textLength, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { AchievementsService } from '../achievements/achievements.service.js';
import { GRADES, type Grade } from './card-review.entity.js';
import { MASTERED_STABILITY_DAYS, type CardEntity } from './card.entity.js';
import {
  CARD_TEXT_MAX,
  DECK_DESCRIPTION_MAX,
  DECK_TITLE_MAX,
  toCardDto,
  toDeckDto,
  toReviewLogDto,
  type CardDto,
  type CardPageDto,
  type CardsProductivity,
  type CreateCardDto,
  type CreateDeckDto,
  type CreatedCardsDto,
  type DeckDto,
  type DeckPageDto,
  type DeckStatsDto,
  type ForecastDto,
  type ReviewLogPageDto,
  type ReviewResultDto,
  type UpdateCardDto,
  type UpdateDeckDto,
} from './cards.dto.js';
import { CardsErrorCode, CardsException } from './cards.errors.js';
import { CardsRepository } from './cards.repository.js';
import { clozeCards } from './cloze.js';
import type { DeckEntity } from './deck.entity.js';
import { DecksRepository } from './decks.repository.js';
import { dueBy, newMemoryState, review, type MemoryState } from './fsrs-schedule.js';
import { lockOwnerProfile } from '../owner-profile.js';

/** The text as stored (sanitized), refused past `max` characters with FLASHCARD_TEXT_TOO_LONG naming `field`. */
export function cleanCardText(text: string, max: number, field: string): string {
  const clean = sanitizeText(text);
  if (textLength(clean) > max) {
    throw new CardsException(
      CardsErrorCode.FLASHCARD_TEXT_TOO_LONG,
      `The text is longer than ${max} characters`,
      {
        errors: [{ field, messages: [`at most ${max} characters`] }],
      },
    );
  }
  return clean;
}

const isGrade = (grade: unknown): grade is Grade => (GRADES as readonly unknown[]).includes(grade);
const isMastered = (state: MemoryState) => state.state === 2 && state.stability >= MASTERED_STABILITY_DAYS;

function deckNotFound(id: string): CardsException {
  return new CardsException(CardsErrorCode.DECK_NOT_FOUND, `No deck ${id} that you may see`);
}

function cardNotFound(id: string): CardsException {
  return new CardsException(CardsErrorCode.FLASHCARD_NOT_FOUND, `No card ${id} in a deck of yours`);
}

/**
 * CoTask's forgetting curve (issue 19, Anki with FSRS): decks at a desired retention, basic and cloze cards,
 * reviews scheduled by ts-fsrs under the deck's and the card's row locks, the due queue, a forecast, measured
 * retention; public decks copied with fresh schedules; a deck mastered becomes an achievement.
 *
 * Who sees what: a deck's owner everything; anyone a `public` deck and its cards (to read and copy); a
 * private deck of someone else is a 404. Only the owner writes (a 403 on a public deck of someone else).
 */
@Injectable()
export class CardsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly decks: DecksRepository,
    private readonly cards: CardsRepository,
    private readonly achievements: AchievementsService,
  ) {}

  async createDeck(user: AuthenticatedUser, dto: CreateDeckDto): Promise<DeckDto> {
    const deck = await this.unitOfWork.run((tx) => this.createDeckIn(tx, user.id, dto));
    return toDeckDto(deck);
  }

  /** Creates the user's deck in the caller's transaction, with POST /decks's checks: for the concretizer. */
  async createDeckIn(tx: Tx, userId: string, dto: CreateDeckDto): Promise<DeckEntity> {
    await lockOwnerProfile(tx, userId);
    return this.decks.add(tx, {
      ownerId: userId,
      title: this.title(dto.title),
      description: cleanCardText(dto.description ?? '', DECK_DESCRIPTION_MAX, 'description'),
      desiredRetention: dto.desiredRetention ?? 0.9,
      shareMastery: dto.shareMastery ?? 'followers',
      sharing: dto.sharing ?? 'private',
    });
  }

  async listDecks(user: AuthenticatedUser, query: ParsedListQuery): Promise<DeckPageDto> {
    return mapPage(await this.decks.listOwn(user.id, query), toDeckDto);
  }

  async listPublicDecks(query: ParsedListQuery): Promise<DeckPageDto> {
    return mapPage(await this.decks.listPublic(query), toDeckDto);
  }

  async getDeck(user: AuthenticatedUser, id: string): Promise<DeckDto> {
    return toDeckDto(await this.readable(user, id));
  }

  async updateDeck(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateDeckDto,
    expected: ExpectedVersions,
  ): Promise<DeckDto> {
    return this.unitOfWork.run(async (tx) => {
      const deck = await this.ownLocked(tx, user, id);
      assertVersionMatches(expected, deck.version);
      deck.title = dto.title !== undefined ? this.title(dto.title) : deck.title;
      deck.description =
        dto.description !== undefined
          ? cleanCardText(dto.description, DECK_DESCRIPTION_MAX, 'description')
          : deck.description;
      deck.desiredRetention = dto.desiredRetention ?? deck.desiredRetention;
      deck.shareMastery = dto.shareMastery ?? deck.shareMastery;
      deck.sharing = dto.sharing ?? deck.sharing;
      deck.version += 1;
      return toDeckDto(await this.decks.save(tx, deck));
    });
  }

  async removeDeck(user: AuthenticatedUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.ownLocked(tx, user, id);
      await this.decks.remove(tx, id);
    });
  }

  /** A new deck of the caller's with the deck's cards, every one new (fresh scheduling). */
  async copyDeck(user: AuthenticatedUser, id: string): Promise<DeckDto> {
    const source = await this.readable(user, id);
    return this.unitOfWork.run(async (tx) => {
      await lockOwnerProfile(tx, user.id);
      const copy = await this.decks.add(tx, {
        ownerId: user.id,
        title: source.title,
        description: source.description,
        desiredRetention: source.desiredRetention,
        shareMastery: source.shareMastery,
        sharing: 'private',
        copiedFrom: source.id,
      });
      await this.cards.copyAll(tx, source.id, copy.id, user.id, new Date());
      return toDeckDto(copy);
    });
  }

  async addCards(user: AuthenticatedUser, deckId: string, dto: CreateCardDto): Promise<CreatedCardsDto> {
    const sides = this.sidesOf(dto);
    return this.unitOfWork.run(async (tx) => {
      const deck = await this.ownLocked(tx, user, deckId);
      this.refuseGenerated(deck);
      const state = newMemoryState(new Date());
      const created = await this.cards.addMany(
        tx,
        sides.map((side) => ({ ...state, ...side, deckId, ownerId: user.id })),
      );
      return { cards: created.map(toCardDto) };
    });
  }

  async listCards(user: AuthenticatedUser, deckId: string, query: ParsedListQuery): Promise<CardPageDto> {
    await this.readable(user, deckId);
    return mapPage(await this.cards.list(deckId, query), toCardDto);
  }

  async getCard(user: AuthenticatedUser, id: string): Promise<CardDto> {
    return toCardDto(await this.ownCard(user, id));
  }

  async updateCard(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateCardDto,
    expected: ExpectedVersions,
  ): Promise<CardDto> {
    const found = await this.ownCard(user, id);
    return this.unitOfWork.run(async (tx) => {
      const deck = await this.ownLocked(tx, user, found.deckId);
      this.refuseGenerated(deck);
      const card = await this.cards.lock(tx, id);
      if (!card) {
        throw cardNotFound(id);
      }
      assertVersionMatches(expected, card.version);
      if (card.kind === 'cloze') {
        if (dto.front !== undefined || dto.back !== undefined) {
          throw this.emptyCard('a cloze card is edited by its text');
        }
        if (dto.text !== undefined) {
          const text = cleanCardText(dto.text, CARD_TEXT_MAX, 'text');
          const same = clozeCards(text).find(({ number }) => number === card.clozeNumber);
          if (!same) {
            throw new CardsException(
              CardsErrorCode.INVALID_CLOZE,
              `The text must keep {{c${card.clozeNumber}::…}}`,
              {
                errors: [{ field: 'text', messages: [`must keep cloze number ${card.clozeNumber}`] }],
              },
            );
          }
          Object.assign(card, { text, front: same.front, back: same.back });
        }
      } else {
        if (dto.text !== undefined) {
          throw this.emptyCard('a basic card is edited by its front and back');
        }
        card.front = dto.front !== undefined ? this.side(dto.front, 'front') : card.front;
        card.back = dto.back !== undefined ? this.side(dto.back, 'back') : card.back;
      }
      card.version += 1;
      return toCardDto(await this.cards.save(tx, card));
    });
  }

  async removeCard(user: AuthenticatedUser, id: string): Promise<void> {
    const found = await this.ownCard(user, id);
    await this.unitOfWork.run(async (tx) => {
      const deck = await this.ownLocked(tx, user, found.deckId);
      this.refuseGenerated(deck);
      await this.cards.remove(tx, id);
    });
  }

  /**
   * Reviews a due card: ts-fsrs computes its next state at the deck's desired retention, under the deck's and
   * then the card's row lock (the one lock order of every write here). A card not due (just reviewed) is a
   * 409 FLASHCARD_NOT_DUE, so N simultaneous reviews of one due card apply once. When the review masters the
   * deck (every card in review state with stability ≥ 21 days), the achievement is recorded in the same
   * transaction.
   */
  async review(user: AuthenticatedUser, id: string, grade: unknown): Promise<ReviewResultDto> {
    if (!isGrade(grade)) {
      throw new CardsException(CardsErrorCode.INVALID_GRADE, 'The grade is one of again, hard, good, easy', {
        errors: [{ field: 'grade', messages: [`must be one of ${GRADES.join(', ')}`] }],
      });
    }
    const found = await this.ownCard(user, id);
    return this.unitOfWork.run(async (tx) => {
      const deck = await this.decks.lock(tx, found.deckId);
      const card = deck ? await this.cards.lock(tx, id) : null;
      if (!deck || !card) {
        throw cardNotFound(id);
      }
      const now = new Date();
      if (card.due > dueBy(now)) {
        throw new CardsException(
          CardsErrorCode.FLASHCARD_NOT_DUE,
          `The card is due at ${card.due.toISOString()}; it was reviewed already`,
          { extensions: { due: card.due.toISOString() } },
        );
      }
      const before = { ...card };
      const after = review(card, grade, now, deck.desiredRetention);
      Object.assign(card, after, { version: card.version + 1 });
      const saved = await this.cards.save(tx, card);
      const log = await this.cards.addReview(tx, {
        cardId: card.id,
        deckId: deck.id,
        userId: user.id,
        grade,
        state: before.state,
        due: before.due,
        stability: before.stability,
        difficulty: before.difficulty,
        scheduledDays: before.scheduledDays,
        reviewedAt: now,
      });
      const deckMastered = isMastered(after) && !isMastered(before) && (await this.mastered(tx, deck));
      return { card: toCardDto(saved), review: toReviewLogDto(log), deckMastered };
    });
  }

  async reviews(user: AuthenticatedUser, id: string, query: ParsedListQuery): Promise<ReviewLogPageDto> {
    await this.ownCard(user, id);
    return mapPage(await this.cards.reviews(id, query), toReviewLogDto);
  }

  /** The deck's cards due now, longest overdue first (keyset pages by due time). */
  async due(user: AuthenticatedUser, deckId: string, query: ParsedListQuery): Promise<CardPageDto> {
    await this.own(user, deckId);
    return mapPage(await this.cards.due(deckId, dueBy(new Date()), query), toCardDto);
  }

  async forecast(user: AuthenticatedUser, deckId: string, days: number): Promise<ForecastDto> {
    await this.own(user, deckId);
    return { days: await this.cards.forecast(deckId, new Date(), days) };
  }

  async stats(user: AuthenticatedUser, deckId: string): Promise<DeckStatsDto> {
    await this.own(user, deckId);
    return this.cards.stats(deckId, new Date());
  }

  /** For the productivity profile: the user's reviews in the last 7 and 30 days and measured retention. */
  productivityOf(userId: string): Promise<CardsProductivity> {
    return this.cards.productivity(userId, new Date());
  }

  /** Whether every card of the deck is mastered now; if so, records the achievement (once per card count). */
  private async mastered(tx: Tx, deck: DeckEntity): Promise<boolean> {
    if (await this.cards.anyUnmastered(tx, deck.id)) {
      return false;
    }
    await this.achievements.record(tx, {
      userId: deck.ownerId,
      kind: 'deck-mastered',
      subjectId: deck.id,
      milestone: await this.cards.count(tx, deck.id),
      title: deck.title,
      visibility: deck.shareMastery,
    });
    return true;
  }

  private async readable(user: AuthenticatedUser, id: string): Promise<DeckEntity> {
    const deck = await this.decks.find(id);
    if (!deck || (deck.ownerId !== user.id && deck.sharing !== 'public')) {
      throw deckNotFound(id);
    }
    return deck;
  }

  private async own(user: AuthenticatedUser, id: string): Promise<DeckEntity> {
    const deck = await this.readable(user, id);
    this.refuseOthers(user, deck);
    return deck;
  }

  private async ownLocked(tx: Tx, user: AuthenticatedUser, id: string): Promise<DeckEntity> {
    const deck = await this.decks.lock(tx, id);
    if (!deck || (deck.ownerId !== user.id && deck.sharing !== 'public')) {
      throw deckNotFound(id);
    }
    this.refuseOthers(user, deck);
    return deck;
  }

  private refuseOthers(user: AuthenticatedUser, deck: DeckEntity): void {
    if (deck.ownerId !== user.id) {
      throw new CardsException(
        CardsErrorCode.NOT_YOUR_DECK,
        'Only its owner changes or studies this deck; copy it',
      );
    }
  }

  private refuseGenerated(deck: DeckEntity): void {
    if (deck.generated) {
      throw new CardsException(
        CardsErrorCode.GENERATED_DECK_CARD,
        "This deck's cards follow the catalog; copy it to change them",
      );
    }
  }

  private async ownCard(user: AuthenticatedUser, id: string): Promise<CardEntity> {
    const card = await this.cards.find(id);
    if (!card || card.ownerId !== user.id) {
      throw cardNotFound(id);
    }
    return card;
  }

  private title(title: string): string {
    const clean = cleanCardText(title, DECK_TITLE_MAX, 'title');
    if (!clean) {
      throw new CardsException(CardsErrorCode.EMPTY_FLASHCARD, 'A deck needs a title', {
        errors: [{ field: 'title', messages: ['must not be empty'] }],
      });
    }
    return clean;
  }

  private side(text: string, field: 'front' | 'back'): string {
    const clean = cleanCardText(text, CARD_TEXT_MAX, field);
    if (!clean) {
      throw this.emptyCard(`the ${field} is empty`, field);
    }
    return clean;
  }

  private emptyCard(detail: string, field = 'text'): CardsException {
    return new CardsException(
      CardsErrorCode.EMPTY_FLASHCARD,
      `A card needs a front and a back, or cloze text: ${detail}`,
      {
        errors: [{ field, messages: [detail] }],
      },
    );
  }

  /** A basic card's sides, or a cloze note's cards (one per number). */
  private sidesOf(dto: CreateCardDto): Partial<CardEntity>[] {
    if (dto.text !== undefined) {
      if (dto.front !== undefined || dto.back !== undefined) {
        throw this.emptyCard('send front and back, or text, not both');
      }
      const text = cleanCardText(dto.text, CARD_TEXT_MAX, 'text');
      return clozeCards(text).map(({ number, front, back }) => ({
        kind: 'cloze',
        text,
        clozeNumber: number,
        front,
        back,
      }));
    }
    if (dto.front === undefined || dto.back === undefined) {
      throw this.emptyCard('a basic card needs both front and back');
    }
    return [{ kind: 'basic', front: this.side(dto.front, 'front'), back: this.side(dto.back, 'back') }];
  }
}
