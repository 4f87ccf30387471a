import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import type { AddressEntity } from './address.entity.js';
import {
  MAX_ADDRESSES,
  toAddressDto,
  type AddressDto,
  type AddressPageDto,
  type PatchAddressDto,
  type SaveAddressDto,
} from './addresses.dto.js';
import { AddressesRepository } from './addresses.repository.js';

export const addressNotFound = (id: string) =>
  new OrderException(OrderErrorCode.ADDRESS_NOT_FOUND, `No address ${id} in your address book`);

/** The fields a PUT leaves out are cleared; a PATCH keeps them. */
const OPTIONAL_FIELDS = ['label', 'line2', 'region', 'recipient', 'phone'] as const;

/** A user's address book; orders copy the address they ship to, so edits never change a placed order. */
@Injectable()
export class AddressesService {
  constructor(
    private readonly addresses: AddressesRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<AddressPageDto> {
    return mapPage(await this.addresses.page(user.id, query), toAddressDto);
  }

  async get(user: AuthenticatedUser, id: string): Promise<AddressDto> {
    const address = await this.addresses.find(user.id, id);
    if (!address) {
      throw addressNotFound(id);
    }
    return toAddressDto(address);
  }

  async create(user: AuthenticatedUser, dto: SaveAddressDto): Promise<AddressDto> {
    return this.unitOfWork.run(async (tx) => {
      await this.addresses.lockBook(tx, user.id);
      if ((await this.addresses.count(tx, user.id)) >= MAX_ADDRESSES) {
        throw new OrderException(
          OrderErrorCode.TOO_MANY_ADDRESSES,
          `An address book holds at most ${MAX_ADDRESSES} addresses`,
        );
      }
      return toAddressDto(await this.addresses.create(tx, user.id, dto));
    });
  }

  /** `whole`: a PUT, which clears the optional fields it leaves out. */
  async update(
    user: AuthenticatedUser,
    id: string,
    dto: PatchAddressDto,
    whole: boolean,
    expected: ExpectedVersions,
  ): Promise<AddressDto> {
    return this.unitOfWork.run(async (tx) => {
      const address = await this.locked(tx, user, id, expected);
      const cleared = whole ? Object.fromEntries(OPTIONAL_FIELDS.map((field) => [field, null])) : {};
      const defined = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
      Object.assign(address, cleared, defined);
      address.version += 1;
      return toAddressDto(await this.addresses.save(tx, address));
    });
  }

  async remove(user: AuthenticatedUser, id: string, expected: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.locked(tx, user, id, expected);
      await this.addresses.remove(tx, id);
    });
  }

  private async locked(
    tx: Tx,
    user: AuthenticatedUser,
    id: string,
    expected: ExpectedVersions,
  ): Promise<AddressEntity> {
    const address = await this.addresses.lock(tx, user.id, id);
    if (!address) {
      throw addressNotFound(id);
    }
    assertVersionMatches(expected, address.version);
    return address;
  }
}
