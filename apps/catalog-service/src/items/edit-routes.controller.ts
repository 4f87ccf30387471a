import { Authenticated, CurrentUser, type AuthenticatedUser, type Role } from '@agora/auth';
import {
  ApiConditionalWrite,
  createValidationPipe,
  IfMatch,
  UuidParam,
  type ExpectedVersions,
} from '@agora/http';
import { Body, Delete, HttpCode, Inject, Patch, Post, Put, type Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiCatalogErrors, type CatalogErrorCode } from '../catalog.errors.js';

/** A service whose resources are created, replaced, patched and deleted by the acting user (If-Match on edits). */
export interface EditableService<Dto, CreateInput, PatchInput> {
  create(user: AuthenticatedUser, dto: CreateInput): Promise<Dto>;
  update(
    user: AuthenticatedUser,
    id: string,
    dto: PatchInput,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<Dto>;
  delete(user: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void>;
}

export interface EditRoutes<Service, Dto, CreateInput, PatchInput> {
  readonly service: Type<Service>;
  /** Below the controller's prefix: `locations` for `/info/locations/:id`; none by default. */
  readonly path?: string;
  readonly dto: Type<Dto>;
  readonly createInput: Type<CreateInput>;
  readonly patchInput: Type<PatchInput>;
  /** Who creates; who edits (the service may narrow it to the resource's owner). */
  readonly creators: readonly Role[];
  readonly editors: readonly Role[];
  readonly notFound: CatalogErrorCode;
  /** What creating and editing may answer with besides not-found. */
  readonly writeErrors: readonly CatalogErrorCode[];
  /** What editing and deleting someone else's may answer with. */
  readonly ownerErrors?: readonly CatalogErrorCode[];
}

/**
 * POST, PUT (whole), PATCH (changed fields) and DELETE of a resource that is not moderated (categories,
 * products, listings, shop locations), written once: thin routes that hand the acting user first to the
 * service. Bodies are validated against the DTO classes, which the generic parameters cannot carry.
 */
export function EditRoutesController<
  Service extends EditableService<Dto, CreateInput, PatchInput>,
  Dto,
  CreateInput,
  PatchInput,
>(routes: EditRoutes<Service, Dto, CreateInput, PatchInput>) {
  const base = routes.path ?? '';
  const one = base ? `${base}/:id` : ':id';
  const owner = routes.ownerErrors ?? [];
  const CreateBody = () => Body(createValidationPipe(routes.createInput as Type<object>));
  const PatchBody = () => Body(createValidationPipe(routes.patchInput as Type<object>));

  class EditController {
    constructor(@Inject(routes.service) readonly service: Service) {}

    @Post(base)
    @ApiCatalogErrors(...routes.writeErrors)
    @Authenticated(...routes.creators)
    @ApiBody({ type: routes.createInput })
    @ApiCreatedResponse({ type: routes.dto })
    create(@CurrentUser() user: AuthenticatedUser, @CreateBody() dto: CreateInput): Promise<Dto> {
      return this.service.create(user, dto);
    }

    /** PUT: the whole resource as sent; optional fields left out are cleared. */
    @Put(one)
    @ApiCatalogErrors(routes.notFound, ...routes.writeErrors, ...owner)
    @Authenticated(...routes.editors)
    @ApiBody({ type: routes.createInput })
    @ApiOkResponse({ type: routes.dto })
    @ApiConditionalWrite()
    replace(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @CreateBody() dto: CreateInput,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.service.update(user, id, dto as unknown as PatchInput, true, expected);
    }

    @Patch(one)
    @ApiCatalogErrors(routes.notFound, ...routes.writeErrors, ...owner)
    @Authenticated(...routes.editors)
    @ApiBody({ type: routes.patchInput })
    @ApiOkResponse({ type: routes.dto })
    @ApiConditionalWrite()
    patch(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @PatchBody() dto: PatchInput,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<Dto> {
      return this.service.update(user, id, dto, false, expected);
    }

    @Delete(one)
    @HttpCode(204)
    @ApiCatalogErrors(routes.notFound, ...owner)
    @Authenticated(...routes.editors)
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiConditionalWrite()
    async delete(
      @CurrentUser() user: AuthenticatedUser,
      @UuidParam('id') id: string,
      @IfMatch() expected: ExpectedVersions,
    ): Promise<void> {
      await this.service.delete(user, id, expected);
    }
  }
  return EditController;
}
