import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CARD_LIST_QUERY,
  CardPageDto,
  CreateCardDto,
  CreateDeckDto,
  CreatedCardsDto,
  DECK_LIST_QUERY,
  DeckDto,
  DeckPageDto,
  DeckStatsDto,
  DUE_LIST_QUERY,
  ForecastDto,
  ForecastQueryDto,
  GeneratedDeckListDto,
  UpdateDeckDto,
} from './cards.dto.js';
import { ApiSocialErrors } from '../../social.errors.js';
import { ApiCardsErrors } from './cards.errors.js';
import { CardsService } from './cards.service.js';
import { GENERATED_DECKS } from './deck.entity.js';
import { GeneratedDecksService } from './generated-decks.service.js';
import { BulkWriteLimit } from '../bulk-write-limit.js';

/** CoTask's decks (the forgetting curve): the caller's own, public ones, and the decks generated from the catalog. */
@ApiTags('cards')
@Controller('decks')
@Authenticated()
export class DecksController {
  constructor(
    private readonly cards: CardsService,
    private readonly generated: GeneratedDecksService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: DeckDto })
  @ApiCardsErrors('FLASHCARD_TEXT_TOO_LONG', 'EMPTY_FLASHCARD')
  @ApiSocialErrors('PROFILE_REQUIRED')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateDeckDto): Promise<DeckDto> {
    return this.cards.createDeck(user, dto);
  }

  /** The caller's decks. */
  @Get()
  @ApiListQuery(DECK_LIST_QUERY)
  @ApiOkResponse({ type: DeckPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(DECK_LIST_QUERY) query: ParsedListQuery,
  ): Promise<DeckPageDto> {
    return this.cards.listDecks(user, query);
  }

  /** Everyone's public decks, to read and copy. */
  @Get('public')
  @ApiListQuery(DECK_LIST_QUERY)
  @ApiOkResponse({ type: DeckPageDto })
  listPublic(@ListQuery(DECK_LIST_QUERY) query: ParsedListQuery): Promise<DeckPageDto> {
    return this.cards.listPublicDecks(query);
  }

  /** The decks generated from the catalog, with how many cards each holds now. */
  @Get('generated')
  @ApiOkResponse({ type: GeneratedDeckListDto })
  listGenerated(): Promise<GeneratedDeckListDto> {
    return this.generated.list();
  }

  /** A deck of the caller's following a generated deck: one card per catalog item, refreshed as it changes. */
  @Post('generated/:key')
  @BulkWriteLimit('deck-follow', 'Too many catalog decks followed from this account')
  @ApiParam({ name: 'key', enum: GENERATED_DECKS })
  @ApiCreatedResponse({ type: DeckDto })
  @ApiCardsErrors('GENERATED_DECK_NOT_FOUND', 'DECK_ALREADY_SUBSCRIBED')
  @ApiSocialErrors('PROFILE_REQUIRED')
  subscribe(@CurrentUser() user: AuthenticatedUser, @Param('key') key: string): Promise<DeckDto> {
    return this.generated.subscribe(user, key);
  }

  @Get(':id')
  @ApiOkResponse({ type: DeckDto })
  @ApiCardsErrors('DECK_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<DeckDto> {
    return this.cards.getDeck(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DeckDto })
  @ApiCardsErrors('DECK_NOT_FOUND', 'NOT_YOUR_DECK', 'FLASHCARD_TEXT_TOO_LONG', 'EMPTY_FLASHCARD')
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateDeckDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<DeckDto> {
    return this.cards.updateDeck(user, id, dto, expected);
  }

  /** Deletes the deck with its cards and review log. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiCardsErrors('DECK_NOT_FOUND', 'NOT_YOUR_DECK')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.cards.removeDeck(user, id);
  }

  /** A new private deck of the caller's with the deck's cards, every one new (fresh scheduling). */
  @Post(':id/copy')
  @BulkWriteLimit('deck-copy', 'Too many decks copied from this account')
  @ApiCreatedResponse({ type: DeckDto })
  @ApiCardsErrors('DECK_NOT_FOUND')
  @ApiSocialErrors('PROFILE_REQUIRED')
  copy(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<DeckDto> {
    return this.cards.copyDeck(user, id);
  }

  /** A basic card (`front`, `back`), or a cloze note (`text`): one card per cloze number. */
  @Post(':id/cards')
  @ApiCreatedResponse({ type: CreatedCardsDto })
  @ApiCardsErrors(
    'DECK_NOT_FOUND',
    'NOT_YOUR_DECK',
    'GENERATED_DECK_CARD',
    'EMPTY_FLASHCARD',
    'INVALID_CLOZE',
    'FLASHCARD_TEXT_TOO_LONG',
  )
  addCards(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CreateCardDto,
  ): Promise<CreatedCardsDto> {
    return this.cards.addCards(user, id, dto);
  }

  @Get(':id/cards')
  @ApiListQuery(CARD_LIST_QUERY)
  @ApiOkResponse({ type: CardPageDto })
  @ApiCardsErrors('DECK_NOT_FOUND')
  listCards(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(CARD_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CardPageDto> {
    return this.cards.listCards(user, id, query);
  }

  /** The cards due now, the longest overdue first (keyset pages: pass `nextCursor` as `cursor`). */
  @Get(':id/due')
  @ApiListQuery(DUE_LIST_QUERY)
  @ApiOkResponse({ type: CardPageDto })
  @ApiCardsErrors('DECK_NOT_FOUND', 'NOT_YOUR_DECK')
  due(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(DUE_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CardPageDto> {
    return this.cards.due(user, id, query);
  }

  /** Reviews due per UTC day for the next `days` days (overdue cards on the first). */
  @Get(':id/forecast')
  @ApiOkResponse({ type: ForecastDto })
  @ApiCardsErrors('DECK_NOT_FOUND', 'NOT_YOUR_DECK')
  forecast(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: ForecastQueryDto,
  ): Promise<ForecastDto> {
    return this.cards.forecast(user, id, query.days ?? 7);
  }

  /** Cards per state, due now, mastered, reviews and measured retention. */
  @Get(':id/stats')
  @ApiOkResponse({ type: DeckStatsDto })
  @ApiCardsErrors('DECK_NOT_FOUND', 'NOT_YOUR_DECK')
  stats(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<DeckStatsDto> {
    return this.cards.stats(user, id);
  }
}
