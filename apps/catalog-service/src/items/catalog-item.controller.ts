import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import {
  ApiConditionalWrite,
  createValidationPipe,
  IfMatch,
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
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
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
import { ATTACH_PHOTO_ERRORS, DETACH_PHOTO_ERRORS } from '../photos/photo.dto.js';
import { ApiCatalogErrors, ITEM_NOT_FOUND, type CatalogErrorCode } from '../catalog.errors.js';
import type { CatalogItemKind, DraftSubject } from '@agora/contracts';
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
  readonly kind: DraftSubject & CatalogItemKind;
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

  const notFound = ITEM_NOT_FOUND[routes.kind];
  const inputErrors: CatalogErrorCode[] = [
    'VALIDATION_FAILED',
    'UNKNOWN_DICTIONARY_VALUE',
    ...routes.writeErrors,
  ];

  @ApiTags(routes.tag)
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
    @ApiCatalogErrors(notFound)
    get(@UuidParam('id') id: string): Promise<Dto> {
      return this.store.get(id);
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
      return this.history.list(this.store.subject, id, query);
    }

    /** The item's photos: main first, then by position. */
    @Get(':id/photos')
    @ApiOkResponse({ type: [PhotoDto] })
    @ApiCatalogErrors(notFound)
    photosOf(@UuidParam('id') id: string): Promise<PhotoDto[]> {
      return this.photos.list(this.store.subject, id);
    }

    /** Moderators put one of their own media on the item under a side (one main per item). */
    @Put(':id/photos/:mediaId')
    @ApiCatalogErrors(notFound, ...ATTACH_PHOTO_ERRORS)
    @Authenticated()
    @ApiOkResponse({ type: [PhotoDto] })
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
    @ApiCatalogErrors(notFound, ...DETACH_PHOTO_ERRORS)
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
    @ApiCatalogErrors(...inputErrors)
    @Authenticated()
    @ApiBody({ type: routes.createInput })
    @ApiCreatedResponse({ type: routes.dto, description: 'Added (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
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
    @ApiCatalogErrors(notFound, ...inputErrors)
    @Authenticated('moderator', 'admin')
    @ApiBody({ type: routes.createInput })
    @ApiOkResponse({ type: routes.dto })
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
    @ApiCatalogErrors(notFound, ...inputErrors)
    @Authenticated()
    @ApiBody({ type: routes.patchInput })
    @ApiOkResponse({ type: routes.dto, description: 'Changed (moderators, admins)' })
    @ApiAcceptedResponse({ type: DraftDto, description: 'Proposed: a draft in the moderation queue' })
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
    @ApiCatalogErrors(notFound, ...routes.deleteErrors)
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
