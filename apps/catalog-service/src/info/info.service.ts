import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import {
  LOCATION_LIST_QUERY,
  toLocationDto,
  toShopProfileDto,
  type LocationDto,
  type LocationInputDto,
  type LocationPageDto,
  type PatchLocationDto,
  type ShopInfoDto,
  type ShopProfileDto,
  type ShopProfileInputDto,
} from './info.dto.js';
import { LocationEntity, ShopProfileEntity } from './location.entity.js';
import { isOpen } from './opening-hours.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.LOCATION_NOT_FOUND, `No location ${id}`);

/** Seed 001 static information: the shop, its locations and whether each is open, edited by admins. */
@Injectable()
export class InfoService {
  constructor(private readonly dataSource: DataSource) {}

  async info(at: Date): Promise<ShopInfoDto> {
    const manager = this.dataSource.manager;
    const [profile] = await manager.find(ShopProfileEntity, { order: { createdAt: 'ASC' }, take: 1 });
    const locations = await manager.find(LocationEntity, { order: { position: 'ASC', name: 'ASC' } });
    return {
      shop: profile ? toShopProfileDto(profile) : null,
      locations: locations.map((location) => this.withOpenNow(location, at)),
      at: at.toISOString(),
    };
  }

  /** Sets the shop's profile (there is one). */
  async setProfile(dto: ShopProfileInputDto): Promise<ShopProfileDto> {
    return this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.find(ShopProfileEntity, {
        order: { createdAt: 'ASC' },
        take: 1,
        lock: { mode: 'pessimistic_write' },
      });
      const profile = existing ?? manager.create(ShopProfileEntity);
      profile.name = dto.name;
      profile.description = dto.description ?? null;
      profile.email = dto.email ?? null;
      profile.phone = dto.phone ?? null;
      profile.website = dto.website ?? null;
      return toShopProfileDto(await manager.save(profile));
    });
  }

  async list(query: ParsedListQuery, at: Date): Promise<LocationPageDto> {
    const builder = this.dataSource.manager.createQueryBuilder(LocationEntity, 'location');
    const page = await findPage(builder, query, LOCATION_LIST_QUERY.searchable);
    return mapPage(page, (location) => this.withOpenNow(location, at));
  }

  async get(id: string, at: Date): Promise<LocationDto> {
    return this.withOpenNow(await this.find(id), at);
  }

  create(dto: LocationInputDto): Promise<LocationDto> {
    return this.dataSource.transaction((manager) =>
      this.save(manager, manager.create(LocationEntity, { version: 1 }), dto, true),
    );
  }

  async update(
    id: string,
    dto: PatchLocationDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<LocationDto> {
    return this.dataSource.transaction(async (manager) => {
      const location = await this.lock(manager, id, expected);
      location.version += 1;
      return this.save(manager, location, dto, whole);
    });
  }

  async delete(id: string, expected?: ExpectedVersions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id, expected);
      await manager.delete(LocationEntity, { id });
    });
  }

  private async save(
    manager: EntityManager,
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
    const saved = await manager.save(location);
    return this.withOpenNow(saved, new Date());
  }

  private withOpenNow(location: LocationEntity, at: Date): LocationDto {
    return toLocationDto(location, isOpen(location.openingHours, location.timeZone, at));
  }

  /** The location, row-locked for the change, at the version If-Match names (412 otherwise). */
  private async lock(
    manager: EntityManager,
    id: string,
    expected?: ExpectedVersions,
  ): Promise<LocationEntity> {
    const location = await manager.findOne(LocationEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!location) {
      throw notFound(id);
    }
    assertVersionMatches(expected, location.version);
    return location;
  }

  private async find(id: string): Promise<LocationEntity> {
    const location = await this.dataSource.manager.findOneBy(LocationEntity, { id });
    if (!location) {
      throw notFound(id);
    }
    return location;
  }
}
