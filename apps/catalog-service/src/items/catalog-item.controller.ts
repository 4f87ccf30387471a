import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import {
  ApiConditionalWrite,
  createValidationPipe,
  IfMatch,
  ProblemDetails,
  type ExpectedVersions,
  UuidParam,
} from '@agora/http';
import {
  ApiListQuery,
  ListQuery,
  type ListQuerySpec,
  type Page,
  type ParsedListQuery,
} from '@agora/list-query';
import { Body, Delete, Get, HttpCode, Inject, Patch, Post, Put, Res, type Type } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DraftsService } from '../moderation/drafts.service.js';
import { HISTORY_LIST_QUERY, ItemHistoryService } from '../moderation/item-history.service.js';
import { DraftDto, HistoryPageDto } from '../moderation/moderation.dto.js';
import { writeOrPropose } from '../moderation/moderated-write.js';
import { AttachPhotoDto, PhotoDto } from '../photos/photo.dto.js';
import { PhotosService } from '../photos/photos.service.js';
import type { CatalogItemStore } from './catalog-item.store.js';
import type { CatalogItemEntity } from './catalog-item.entity.js';

/** A store with the list its routes serve. */
export interface ListableStore<
  Dto,
  CreateInput extends PatchInput,
  PatchInput extends object,
> extends CatalogItemStore<CatalogItemEntity, CreateInput, PatchInput, Dto> {
  list(query: ParsedListQuery): Promise<Page<Dto>>;
}

export interface CatalogItemRoutes<Dto, CreateInput extends PatchInput, PatchInput extends object> {
  readonly tag: string;
  readonly store: Type<ListableStore<Dto, CreateInput, PatchInput>>;
  readonly dto: Type<Dto>;
  readonly page: Type<Page<Dto>>;
  readonly createInput: Type<CreateInput>;
  readonly patchInput: Type<PatchInput>;
  readonly listQuery: ListQuerySpec;
  /** The 409 codes its writes may answer with. */
  readonly conflicts: string;
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

  @ApiTags(routes.tag)
  @ApiNotFoundResponse({ type: ProblemDetails })
  class ItemController {
    constructor(
      @Inject(routes.store) readonly store: ListableStore<Dto, CreateInput, PatchInput>,
      @Inject(DraftsService) readonly drafts: DraftsService,
      @Inject(ItemHistoryService) readonly history: ItemHistoryService,
      @Inject(PhotosService) readonly photos: PhotosService,
    ) {}

    @Get()
    @ApiListQuery(routes.listQuery)
    @ApiOkResponse({ type: routes.page })
    list(@ListQuery(routes.listQuery) query: ParsedListQuery): Promise<Page<Dto>> {
      return this.store.list(query);
    }

    @Get(':id')
    @ApiOkResponse({ type: routes.dto })
    get(@UuidParam('id') id: string): Promise<Dto> {
      return this.store.get(id);
    }

    /** Who changed what, newest first. */
    @Get(':id/history')
    @ApiListQuery(HISTORY_LIST_QUERY)
    @ApiOkResponse({ type: HistoryPageDto })
    historyOf(
      @UuidParam('id') id: string,
      @ListQuery(HISTORY_LIST_QUERY) query: ParsedListQuery,
    ): Promise<HistoryPageDto> {
      return this.history.list(this.store.subject, id, query);
    }

    /** The item's photos: main first, then by position. */
    @Get(':id/photos')
    @ApiOkResponse({ type: [PhotoDto] })
    photosOf(@UuidParam('id') id: string): Promise<PhotoDto[]> {
      return this.photos.list(this.store.subject, id);
    }

    /** Moderators put one of their own media on the item under a side (one main per item). */
    @Put(':id/photos/:mediaId')
    @Authenticated()
    @ApiOkResponse({ type: [PhotoDto] })
    @ApiConflictResponse({ type: ProblemDetails, description: 'MAIN_PHOTO_TAKEN' })
    attachPhoto(
      @UuidParam('id') id: string,
      @UuidParam('mediaId') mediaId: string,
      @Body() dto: AttachPhotoDto,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<PhotoDto[]> {
      return this.photos.attach(this.store.subject, id, mediaId, dto, user);
    }

    @Delete(':id/photos/:mediaId')
    @HttpCode(204)
    @Authenticated()
    @ApiNoContentResponse({ description: 'Detached (the media itself stays)' })
    async detachPhoto(
      @UuidParam('id') id: string,
      @UuidParam('mediaId') mediaId: string,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<void> {
      await this.photos.detach(this.store.subject, id, mediaId, user);
    }

    @Post()
    @Authenticated()
    @ApiBody({ type: routes.createInput })
    @ApiCreatedResponse({ type: routes.dto, description: 'Added (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
    @ApiBadRequestResponse({ type: ProblemDetails })
    @ApiConflictResponse({ type: ProblemDetails, description: routes.conflicts })
    create(
      @CreateBody() dto: CreateInput,
      @CurrentUser() user: AuthenticatedUser,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<Dto | DraftDto> {
      return writeOrPropose(this.drafts, {
        user,
        reply,
        subject: this.store.subject,
        targetId: null,
        dto,
        direct: () => this.store.create(dto, user),
      });
    }

    /** PUT: the whole item as sent; optional fields left out are cleared. */
    @Put(':id')
    @Authenticated('moderator', 'admin')
    @ApiBody({ type: routes.createInput })
    @ApiOkResponse({ type: routes.dto })
    @ApiBadRequestResponse({ type: ProblemDetails })
    @ApiConflictResponse({ type: ProblemDetails, description: routes.conflicts })
    @ApiConditionalWrite()
    replace(
      @UuidParam('id') id: string,
      @CreateBody() dto: CreateInput,
      @CurrentUser() user: AuthenticatedUser,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.store.replace(id, dto, user, expected);
    }

    @Patch(':id')
    @Authenticated()
    @ApiBody({ type: routes.patchInput })
    @ApiOkResponse({ type: routes.dto, description: 'Changed (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
    @ApiBadRequestResponse({ type: ProblemDetails })
    @ApiConflictResponse({ type: ProblemDetails, description: routes.conflicts })
    @ApiConditionalWrite()
    patch(
      @UuidParam('id') id: string,
      @PatchBody() dto: PatchInput,
      @CurrentUser() user: AuthenticatedUser,
      @IfMatch() expected: ExpectedVersions,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<Dto | DraftDto> {
      return writeOrPropose(this.drafts, {
        user,
        reply,
        subject: this.store.subject,
        targetId: id,
        dto,
        expected,
        direct: () => this.store.patch(id, dto, user, expected),
      });
    }

    @Delete(':id')
    @HttpCode(204)
    @Authenticated('moderator', 'admin')
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiConditionalWrite()
    async delete(
      @UuidParam('id') id: string,
      @CurrentUser() user: AuthenticatedUser,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<void> {
      await this.store.delete(id, user, expected);
    }
  }
  return ItemController;
}
