import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CardDto,
  REVIEW_LIST_QUERY,
  ReviewCardDto,
  ReviewLogPageDto,
  ReviewResultDto,
  UpdateCardDto,
} from './cards.dto.js';
import { ApiCardsErrors } from './cards.errors.js';
import { CardsService } from './cards.service.js';

/** The caller's cards: read, edit, delete, review (FSRS) and their review log. */
@ApiTags('cards')
@Controller('cards')
@Authenticated()
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  @Get(':id')
  @ApiOkResponse({ type: CardDto })
  @ApiCardsErrors('FLASHCARD_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<CardDto> {
    return this.cards.getCard(user, id);
  }

  /** A basic card's `front`/`back`, a cloze card's `text` (its number must stay); the schedule is kept. */
  @Patch(':id')
  @ApiOkResponse({ type: CardDto })
  @ApiCardsErrors(
    'FLASHCARD_NOT_FOUND',
    'GENERATED_DECK_CARD',
    'EMPTY_FLASHCARD',
    'INVALID_CLOZE',
    'FLASHCARD_TEXT_TOO_LONG',
  )
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCardDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CardDto> {
    return this.cards.updateCard(user, id, dto, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiCardsErrors('FLASHCARD_NOT_FOUND', 'GENERATED_DECK_CARD')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.cards.removeCard(user, id);
  }

  /**
   * Grades a due card (again, hard, good, easy): FSRS (ts-fsrs) schedules it at its deck's desired retention.
   * A card not due yet is a 409 (one review per due state).
   */
  @Post(':id/reviews')
  @ApiCreatedResponse({ type: ReviewResultDto })
  @ApiCardsErrors('FLASHCARD_NOT_FOUND', 'INVALID_GRADE', 'FLASHCARD_NOT_DUE')
  review(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ReviewCardDto,
  ): Promise<ReviewResultDto> {
    return this.cards.review(user, id, dto.grade);
  }

  /** The card's review log, newest first. */
  @Get(':id/reviews')
  @ApiListQuery(REVIEW_LIST_QUERY)
  @ApiOkResponse({ type: ReviewLogPageDto })
  @ApiCardsErrors('FLASHCARD_NOT_FOUND')
  reviews(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(REVIEW_LIST_QUERY) query: ParsedListQuery,
  ): Promise<ReviewLogPageDto> {
    return this.cards.reviews(user, id, query);
  }
}
