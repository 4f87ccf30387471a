import { ProblemException } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

const notFound = (id: string): ProblemException =>
  new ProblemException(404, { code: 'LOCATION_NOT_FOUND', detail: `No location ${id}` });

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
    return this.save(this.dataSource.manager.create(LocationEntity), dto, true);
  }

  async update(id: string, dto: PatchLocationDto, whole: boolean): Promise<LocationDto> {
    return this.save(await this.find(id), dto, whole);
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.dataSource.manager.delete(LocationEntity, { id });
    if (!deleted.affected) {
      throw notFound(id);
    }
  }

  private async save(location: LocationEntity, dto: PatchLocationDto, whole: boolean): Promise<LocationDto> {
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
    const saved = await this.dataSource.manager.save(location);
    return this.withOpenNow(saved, new Date());
  }

  private withOpenNow(location: LocationEntity, at: Date): LocationDto {
    return toLocationDto(location, isOpen(location.openingHours, location.timeZone, at));
  }

  private async find(id: string): Promise<LocationEntity> {
    const location = await this.dataSource.manager.findOneBy(LocationEntity, { id });
    if (!location) {
      throw notFound(id);
    }
    return location;
  }
}
