import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import type { VersionedEntity } from '@agora/database';
import {
  ApiConditionalWrite,
  ApiLanguage,
  createValidationPipe,
  EnumParam,
  IfMatch,
  LANGUAGES,
  UuidParam,
  type ExpectedVersions,
  type Language,
} from '@agora/http';
import {
  ApiListQuery,
  ListQuery,
  type ListQuerySpec,
  type Page,
  type ParsedListQuery,
} from '@agora/list-query';
import {
  Body,
  Delete,
  Get,
  HttpCode,
  Inject,
  Patch,
  Post,
  Put,
  Res,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiCatalogErrors, ITEM_NOT_FOUND, type CatalogErrorCode } from '../catalog.errors.js';
import { LikeSummariesRepository } from '../community/like-summaries.repository.js';
import { WithLikes, type LikeSummaryDto } from '../community/like.dto.js';
import { HISTORY_LIST_QUERY, ItemHistoryService } from '../moderation/item-history.service.js';
import { DraftDto, HistoryPageDto } from '../moderation/moderation.dto.js';
import { PutTranslationDto } from '../translations/translation-input.dto.js';
import type { ReadableKind } from './moderated-items.service.js';
import { ModeratedItemsService } from './moderated-items.service.js';

export interface CatalogItemRoutes<Dto, CreateInput extends PatchInput, PatchInput extends object> {
  readonly tag: string;
  /** The kind's service: its reads, and what the write path needs of it. */
  readonly kind: Type<ReadableKind<VersionedEntity, CreateInput, PatchInput, Dto, unknown>>;
  readonly subject: keyof typeof ITEM_NOT_FOUND;
  readonly dto: Type<Dto>;
  readonly page: Type<Page<Dto>>;
  readonly createInput: Type<CreateInput>;
  readonly patchInput: Type<PatchInput>;
  readonly listQuery: ListQuerySpec;
  /** The codes of this kind's own checks its creates and edits may answer with (beyond the shared ones). */
  readonly writeErrors: readonly CatalogErrorCode[];
  /** The codes its deletion may answer with besides not-found. */
  readonly deleteErrors: readonly CatalogErrorCode[];
}

/**
 * The routes every moderated item has: list (list query), read, history; create and patch by moderators
 * directly or as drafts by everyone else (202); replace and delete by moderators. Bodies are validated
 * against the item's DTO classes, which the generic parameters cannot carry at runtime.
 */
export function CatalogItemController<Dto, CreateInput extends PatchInput, PatchInput extends object>(
  routes: CatalogItemRoutes<Dto, CreateInput, PatchInput>,
) {
  const CreateBody = () => Body(createValidationPipe(routes.createInput));
  const PatchBody = () => Body(createValidationPipe(routes.patchInput));
  const notFound = ITEM_NOT_FOUND[routes.subject];
  const inputErrors: CatalogErrorCode[] = [
    'VALIDATION_FAILED',
    'UNKNOWN_DICTIONARY_VALUE',
    ...routes.writeErrors,
  ];

  @ApiTags(routes.tag)
  @ApiLanguage()
  class ItemController implements OnModuleInit {
    constructor(
      @Inject(routes.kind)
      readonly kind: ReadableKind<VersionedEntity, CreateInput, PatchInput, Dto, unknown>,
      @Inject(ModeratedItemsService) readonly items: ModeratedItemsService,
      @Inject(ItemHistoryService) readonly history: ItemHistoryService,
      @Inject(LikeSummariesRepository) readonly likeSummaries: LikeSummariesRepository,
    ) {}

    onModuleInit(): void {
      this.items.register(this.kind);
    }

    @Get()
    @ApiListQuery(routes.listQuery)
    @ApiOkResponse({ type: routes.page })
    list(@ListQuery(routes.listQuery) query: ParsedListQuery): Promise<Page<Dto>> {
      return this.items.list(this.kind, query);
    }

    /** The item, with its likes (issue 17) and whether the caller (if signed in) likes it. */
    @Get(':id')
    @OptionallyAuthenticated()
    @ApiOkResponse({ type: WithLikes(routes.dto as Type<object>) })
    @ApiCatalogErrors(notFound)
    async get(
      @UuidParam('id') id: string,
      @MaybeUser() viewer?: AuthenticatedUser,
    ): Promise<Dto & { likes: LikeSummaryDto }> {
      const [dto, likes] = await Promise.all([
        this.items.get(this.kind, id),
        this.likeSummaries.of([id], viewer?.id),
      ]);
      return { ...dto, likes: likes(id) };
    }

    /** Who changed what, newest first. */
    @Get(':id/history')
    @ApiListQuery(HISTORY_LIST_QUERY)
    @ApiOkResponse({ type: HistoryPageDto })
    @ApiCatalogErrors(notFound)
    historyOf(
      @UuidParam('id') id: string,
      @ListQuery(HISTORY_LIST_QUERY) query: ParsedListQuery,
    ): Promise<HistoryPageDto> {
      return this.history.list(this.kind.subject, id, query);
    }

    @Post()
    @ApiCatalogErrors(...inputErrors)
    @Authenticated()
    @ApiBody({ type: routes.createInput })
    @ApiCreatedResponse({ type: routes.dto, description: 'Added (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
    async create(
      @CurrentUser() user: AuthenticatedUser,
      @CreateBody() dto: CreateInput,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<Dto | DraftDto> {
      const result = await this.items.create(user, this.kind, dto);
      reply.status(result.proposed ? 202 : 201);
      return result.value;
    }

    /** PUT: the whole item as sent; optional fields left out are cleared. */
    @Put(':id')
    @ApiCatalogErrors(notFound, ...inputErrors)
    @Authenticated('moderator', 'admin')
    @ApiBody({ type: routes.createInput })
    @ApiOkResponse({ type: routes.dto })
    @ApiConditionalWrite()
    replace(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @CreateBody() dto: CreateInput,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.items.replace(user, this.kind, id, dto, expected);
    }

    @Patch(':id')
    @ApiCatalogErrors(notFound, ...inputErrors)
    @Authenticated()
    @ApiBody({ type: routes.patchInput })
    @ApiOkResponse({ type: routes.dto, description: 'Changed (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
    @ApiConditionalWrite()
    async patch(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @PatchBody() dto: PatchInput,
      @IfMatch() expected: ExpectedVersions,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<Dto | DraftDto> {
      const result = await this.items.patch(user, this.kind, id, dto, expected);
      reply.status(result.proposed ? 202 : 200);
      return result.value;
    }

    /** The item's name (and a description) in another language than its own: moderators and admins. */
    @Put(':id/translations/:lang')
    @ApiCatalogErrors(notFound, 'VALIDATION_FAILED', 'TRANSLATION_OF_ORIGINAL')
    @Authenticated('moderator', 'admin')
    @ApiOkResponse({ type: routes.dto, description: 'The item, with the translation among its translations' })
    @ApiConditionalWrite()
    translate(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @EnumParam('lang', LANGUAGES) language: Language,
      @Body() text: PutTranslationDto,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.items.translate(user, this.kind, id, { language, text }, expected);
    }

    @Delete(':id/translations/:lang')
    @ApiCatalogErrors(notFound, 'VALIDATION_FAILED', 'TRANSLATION_OF_ORIGINAL', 'TRANSLATION_NOT_FOUND')
    @Authenticated('moderator', 'admin')
    @ApiOkResponse({ type: routes.dto, description: 'The item without that translation' })
    @ApiConditionalWrite()
    untranslate(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @EnumParam('lang', LANGUAGES) language: Language,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.items.translate(user, this.kind, id, { language, text: null }, expected);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiCatalogErrors(notFound, ...routes.deleteErrors)
    @Authenticated('moderator', 'admin')
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiConditionalWrite()
    async delete(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<void> {
      await this.items.delete(user, this.kind, id, expected);
    }
  }
  return ItemController;
}
