import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';
import type { OpeningHours } from './opening-hours.js';

/** A coffee shop's address, place on the map and weekly opening hours in its own time zone (seed 001 static info). */
@Entity({ name: 'shop_locations' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('shop_locations_name_sort_idx', ['name', 'id'])
@Index('shop_locations_city_sort_idx', ['city', 'id'])
@Index('shop_locations_country_code_sort_idx', ['countryCode', 'id'])
@Index('shop_locations_position_sort_idx', ['position', 'id'])
@Index('shop_locations_search_idx', { synchronize: false })
@Check(
  'shop_locations_coordinates_check',
  `"latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180`,
)
export class LocationEntity extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  city!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ name: 'country_code', type: 'text' })
  countryCode!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;

  /** IANA, e.g. `Europe/Moscow`: where `openNow` is computed. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'opening_hours', type: 'jsonb' })
  openingHours!: OpeningHours;

  /** Order on the page, ascending. */
  @Column({ type: 'integer', default: 0 })
  position!: number;
}
