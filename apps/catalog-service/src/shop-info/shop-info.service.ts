import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import type { AuthenticatedUser } from '@agora/auth';
import { Injectable } from '@nestjs/common';
import { UnitOfWork, type Tx } from '@agora/database';
import { LocationsRepository } from './locations.repository.js';
import { ShopProfileRepository } from './shop-profile.repository.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import {
  toLocationDto,
  toShopProfileDto,
  type LocationDto,
  type LocationInputDto,
  type LocationPageDto,
  type PatchLocationDto,
  type ShopInfoDto,
  type ShopProfileDto,
  type ShopProfileInputDto,
} from './shop-info.dto.js';
import type { LocationEntity } from './location.entity.js';
import { isOpen } from './opening-hours.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.LOCATION_NOT_FOUND, `No location ${id}`);

/** Seed 001 static information: the shop, its locations and whether each is open, edited by admins. */
@Injectable()
export class ShopInfoService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly profiles: ShopProfileRepository,
    private readonly locations: LocationsRepository,
  ) {}

  async info(at: Date): Promise<ShopInfoDto> {
    const profile = await this.profiles.find();
    const locations = await this.locations.all();
    return {
      shop: profile ? toShopProfileDto(profile) : null,
      locations: locations.map((location) => this.withOpenNow(location, at)),
      at: at.toISOString(),
    };
  }

  /** Sets the shop's profile (there is one). */
  async setProfile(_admin: AuthenticatedUser, dto: ShopProfileInputDto): Promise<ShopProfileDto> {
    return this.unitOfWork.run(async (tx) => {
      const profile = (await this.profiles.find(tx)) ?? this.profiles.build(tx);
      profile.name = dto.name;
      profile.description = dto.description ?? null;
      profile.email = dto.email ?? null;
      profile.phone = dto.phone ?? null;
      profile.website = dto.website ?? null;
      return toShopProfileDto(await this.profiles.save(tx, profile));
    });
  }

  async list(query: ParsedListQuery, at: Date): Promise<LocationPageDto> {
    return mapPage(await this.locations.page(query), (location) => this.withOpenNow(location, at));
  }

  async get(id: string, at: Date): Promise<LocationDto> {
    return this.withOpenNow(await this.find(id), at);
  }

  create(_admin: AuthenticatedUser, dto: LocationInputDto): Promise<LocationDto> {
    return this.unitOfWork.run((tx) => this.save(tx, this.locations.build(tx, { version: 1 }), dto, true));
  }

  async update(
    _admin: AuthenticatedUser,
    id: string,
    dto: PatchLocationDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.unitOfWork.run(async (tx) => {
      const location = await this.lock(tx, id, expected);
      location.version += 1;
      return this.save(tx, location, dto, whole);
    });
  }

  async delete(_admin: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.lock(tx, id, expected);
      await this.locations.remove(tx, id);
    });
  }

  private async save(
    tx: Tx,
    location: LocationEntity,
    dto: PatchLocationDto,
    whole: boolean,
  ): Promise<LocationDto> {
    refuseCleared(dto, [
      'name',
      'address',
      'city',
      'countryCode',
      'latitude',
      'longitude',
      'timeZone',
      'openingHours',
    ]);
    Object.assign(
      location,
      Object.fromEntries(
        Object.entries({
          name: dto.name,
          address: dto.address,
          city: dto.city,
          countryCode: dto.countryCode,
          latitude: dto.latitude,
          longitude: dto.longitude,
          timeZone: dto.timeZone,
          openingHours: dto.openingHours,
        }).filter(([, value]) => value !== undefined),
      ),
    );
    location.phone = keptOrCleared(dto.phone, location.phone, whole);
    location.position = dto.position ?? (whole ? 0 : location.position);
    const saved = await this.locations.save(tx, location);
    return this.withOpenNow(saved, new Date());
  }

  private withOpenNow(location: LocationEntity, at: Date): LocationDto {
    return toLocationDto(location, isOpen(location.openingHours, location.timeZone, at));
  }

  /** The location, row-locked for the change, at the version If-Match names (412 otherwise). */
  private async lock(tx: Tx, id: string, expected?: ExpectedVersions): Promise<LocationEntity> {
    const location = await this.locations.lock(tx, id);
    if (!location) {
      throw notFound(id);
    }
    assertVersionMatches(expected, location.version);
    return location;
  }

  private async find(id: string): Promise<LocationEntity> {
    const location = await this.locations.find(id);
    if (!location) {
      throw notFound(id);
    }
    return location;
  }
}
