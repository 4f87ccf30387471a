import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  BarcodeParamDto,
  COFFEE_LIST_QUERY,
  CoffeeDto,
  CoffeeInputDto,
  CoffeePageDto,
  PatchCoffeeDto,
} from './coffee.dto.js';
import type { FastifyReply } from 'fastify';
import { canModerate, DraftsService } from '../moderation/drafts.service.js';
import { HISTORY_LIST_QUERY, ItemHistoryService } from '../moderation/item-history.service.js';
import { DraftDto, HistoryPageDto } from '../moderation/moderation.dto.js';
import { CoffeesService } from './coffees.service.js';

const CoffeeId = () => Param('id', new ParseUUIDPipe({ version: undefined }));

/** Seed 000 coffee cards: `/coffees` (the gateway maps `/coffee` here too). */
@ApiTags('coffees')
@ApiNotFoundResponse({ type: ProblemDetails })
@Controller('coffees')
export class CoffeesController {
  constructor(
    private readonly coffees: CoffeesService,
    private readonly drafts: DraftsService,
    private readonly history: ItemHistoryService,
  ) {}

  @Get()
  @ApiListQuery(COFFEE_LIST_QUERY)
  @ApiOkResponse({ type: CoffeePageDto })
  list(@ListQuery(COFFEE_LIST_QUERY) query: ParsedListQuery): Promise<CoffeePageDto> {
    return this.coffees.list(query);
  }

  /** The coffee whose pack carries this EAN-8 / EAN-13. */
  @Get('barcode/:barcode')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Not an EAN with a valid check digit' })
  byBarcode(@Param() { barcode }: BarcodeParamDto): Promise<CoffeeDto> {
    return this.coffees.getByBarcode(barcode);
  }

  @Get(':id')
  @ApiOkResponse({ type: CoffeeDto })
  get(@CoffeeId() id: string): Promise<CoffeeDto> {
    return this.coffees.get(id);
  }

  /** Who changed what, newest first. */
  @Get(':id/history')
  @ApiListQuery(HISTORY_LIST_QUERY)
  @ApiOkResponse({ type: HistoryPageDto })
  historyOf(
    @CoffeeId() id: string,
    @ListQuery(HISTORY_LIST_QUERY) query: ParsedListQuery,
  ): Promise<HistoryPageDto> {
    return this.history.list('coffee', id, query);
  }

  /** Moderators and admins add the card; anyone else proposes it as a draft. */
  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: CoffeeDto, description: 'Added (moderators, admins)' })
  @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  async create(
    @Body() dto: CoffeeInputDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoffeeDto | DraftDto> {
    if (canModerate(user)) {
      return this.coffees.create(dto, user);
    }
    reply.status(202);
    return this.drafts.propose('coffee', null, dto, user);
  }

  @Put(':id')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  replace(
    @CoffeeId() id: string,
    @Body() dto: CoffeeInputDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CoffeeDto> {
    return this.coffees.replace(id, dto, user);
  }

  /** Moderators and admins change the card; anyone else proposes the change as a draft. */
  @Patch(':id')
  @Authenticated()
  @ApiOkResponse({ type: CoffeeDto, description: 'Changed (moderators, admins)' })
  @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'BARCODE_TAKEN' })
  async patch(
    @CoffeeId() id: string,
    @Body() dto: PatchCoffeeDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoffeeDto | DraftDto> {
    if (canModerate(user)) {
      return this.coffees.patch(id, dto, user);
    }
    reply.status(202);
    return this.drafts.propose('coffee', id, dto, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('moderator', 'admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@CoffeeId() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.coffees.delete(id, user);
  }
}
