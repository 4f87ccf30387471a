import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOrderErrors } from '../order.errors.js';
import {
  ADDRESS_LIST_QUERY,
  AddressDto,
  AddressPageDto,
  PatchAddressDto,
  SaveAddressDto,
} from './addresses.dto.js';
import { AddressesService } from './addresses.service.js';

/** The caller's address book; a checkout ships to one of these (`addressId`) or to an address given inline. */
@ApiTags('addresses')
@Controller('addresses')
@Authenticated()
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  @ApiListQuery(ADDRESS_LIST_QUERY)
  @ApiOkResponse({ type: AddressPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(ADDRESS_LIST_QUERY) query: ParsedListQuery,
  ): Promise<AddressPageDto> {
    return this.addresses.list(user, query);
  }

  @Post()
  @ApiCreatedResponse({ type: AddressDto })
  @ApiOrderErrors('TOO_MANY_ADDRESSES')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: SaveAddressDto): Promise<AddressDto> {
    return this.addresses.create(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: AddressDto })
  @ApiOrderErrors('ADDRESS_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<AddressDto> {
    return this.addresses.get(user, id);
  }

  /** Replaces the address; optional fields left out are cleared. */
  @Put(':id')
  @ApiOkResponse({ type: AddressDto })
  @ApiOrderErrors('ADDRESS_NOT_FOUND')
  @ApiConditionalWrite()
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: SaveAddressDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<AddressDto> {
    return this.addresses.update(user, id, dto, true, expected);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AddressDto })
  @ApiOrderErrors('ADDRESS_NOT_FOUND')
  @ApiConditionalWrite()
  patch(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchAddressDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<AddressDto> {
    return this.addresses.update(user, id, dto, false, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOrderErrors('ADDRESS_NOT_FOUND')
  @ApiConditionalWrite()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    return this.addresses.remove(user, id, expected);
  }
}
