import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
  type Role,
} from '@agora/auth';
import type { PhotoKind } from '@agora/contracts';
import { UuidParam } from '@agora/http';
import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Put, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors, ITEM_NOT_FOUND } from '../catalog.errors.js';
import { ATTACH_PHOTO_ERRORS, AttachPhotoDto, DETACH_PHOTO_ERRORS, PhotoDto } from './photo.dto.js';
import { PhotosService } from './photos.service.js';

/** A service answering 404 for an item the caller may not see (a listing's draft for strangers). */
export interface VisibilityGuard {
  get(id: string, user?: AuthenticatedUser): Promise<unknown>;
}

export interface PhotoRoutesOptions {
  readonly kind: PhotoKind;
  /** The item routes' prefix: `coffees`, `listings`, `reviews`… */
  readonly path: string;
  readonly tag: string;
  /** Who may attach and detach (their own item's photos, moderators any); everyone signed in by default. */
  readonly roles?: readonly Role[];
  /** Checked before the photos of a hidden item are shown. */
  readonly visibility?: Type<VisibilityGuard>;
}

/**
 * The photo routes of a kind of item, written once: `GET /<path>/:id/photos`, `PUT` and `DELETE
 * /<path>/:id/photos/:mediaId`. Each item module registers the controller this returns.
 */
export function PhotoRoutesController(options: PhotoRoutesOptions): Type<unknown> {
  const notFound = ITEM_NOT_FOUND[options.kind];
  const ReadAccess = () => (options.visibility ? OptionallyAuthenticated() : applyDecorators());

  @ApiTags(options.tag)
  @Controller(options.path)
  class PhotoRoutes {
    constructor(
      readonly photos: PhotosService,
      readonly modules: ModuleRef,
    ) {}

    /** The item's photos: main first, then by position. */
    @Get(':id/photos')
    @ReadAccess()
    @ApiOkResponse({ type: [PhotoDto] })
    @ApiCatalogErrors(notFound)
    async photosOf(@UuidParam('id') id: string, @MaybeUser() user?: AuthenticatedUser): Promise<PhotoDto[]> {
      if (options.visibility) {
        await this.modules.get(options.visibility, { strict: false }).get(id, user);
      }
      return this.photos.list(options.kind, id);
    }

    /** The item's owner (or a moderator) puts one of their own media on it under a side (one main per item). */
    @Put(':id/photos/:mediaId')
    @ApiCatalogErrors(notFound, ...ATTACH_PHOTO_ERRORS)
    @Authenticated(...(options.roles ?? []))
    @ApiOkResponse({ type: [PhotoDto] })
    attachPhoto(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @UuidParam('mediaId') mediaId: string,
      @Body() dto: AttachPhotoDto,
    ): Promise<PhotoDto[]> {
      return this.photos.attach(user, options.kind, id, mediaId, dto);
    }

    @Delete(':id/photos/:mediaId')
    @HttpCode(204)
    @ApiCatalogErrors(notFound, ...DETACH_PHOTO_ERRORS)
    @Authenticated(...(options.roles ?? []))
    @ApiNoContentResponse({ description: 'Detached (the media itself stays)' })
    async detachPhoto(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @UuidParam('mediaId') mediaId: string,
    ): Promise<void> {
      await this.photos.detach(user, options.kind, id, mediaId);
    }
  }
  Object.defineProperty(PhotoRoutes, 'name', { value: `${options.tag}PhotosController` });
  return PhotoRoutes;
}
