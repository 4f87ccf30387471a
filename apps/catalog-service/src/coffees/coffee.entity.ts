import type { Language, Translations } from '@agora/http';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { CatalogItemEntity } from '../items/catalog-item.entity.js';
import { languageCheck, type Translatable, type TranslatedField } from '../translations/translatable.js';

export const ROAST_LEVELS = ['light', 'medium-light', 'medium', 'medium-dark', 'dark', 'omni'] as const;
export type RoastLevel = (typeof ROAST_LEVELS)[number];

const dictionaryReference = { onDelete: 'RESTRICT', nullable: true } as const;

/** A coffee card (seed 000): who roasted it, where it grew, how it was processed and roasted. */
@Entity({ name: 'coffees' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('coffees_name_sort_idx', ['name', 'id'])
@Index('coffees_roaster_id_sort_idx', ['roasterId', 'id'])
@Index('coffees_country_code_sort_idx', ['countryCode', 'id'])
@Index('coffees_origin_id_sort_idx', ['originId', 'id'])
@Index('coffees_farmer_id_sort_idx', ['farmerId', 'id'])
@Index('coffees_process_id_sort_idx', ['processId', 'id'])
@Index('coffees_variety_sort_idx', ['variety', 'id'])
@Index('coffees_roast_level_sort_idx', ['roastLevel', 'id'])
@Index('coffees_altitude_min_sort_idx', ['altitudeMin', 'id'])
@Index('coffees_altitude_max_sort_idx', ['altitudeMax', 'id'])
@Index('coffees_barcode_sort_idx', ['barcode', 'id'])
@Index('coffees_created_at_sort_idx', ['createdAt', 'id'])
@Index('coffees_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('coffees_search_idx', { synchronize: false })
// Top lists: the rated rows' counts and sums, read by an index-only scan (check-ins' Bayesian ranking).
@Index('coffees_rating_top_idx', ['ratingCount', 'ratingWeight', 'ratingWeightedSum', 'id'], {
  where: '"rating_count" > 0',
})
@Check(
  'coffees_roast_level_check',
  `"roast_level" IN (${ROAST_LEVELS.map((level) => `'${level}'`).join(', ')})`,
)
@Check(
  'coffees_altitude_check',
  `"altitude_min" IS NULL OR "altitude_max" IS NULL OR "altitude_min" <= "altitude_max"`,
)
@Check(...languageCheck('coffees'))
export class CoffeeEntity extends CatalogItemEntity implements Translatable {
  @Column({ type: 'text' })
  name!: string;

  /** The language `name` is written in (issue 17): where every fallback chain ends. */
  @Column({ type: 'text', default: 'ru' })
  language!: Language;

  /** Names and descriptions in the other languages: `{ "en": { "name": "Kenya" } }` (PUT …/translations/:lang). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<TranslatedField>;

  @Column({ name: 'roaster_id', type: 'uuid' })
  roasterId!: string;

  @ManyToOne(() => DictionaryValueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'roaster_id' })
  roaster?: DictionaryValueEntity;

  /** ISO 3166-1 alpha-2 of the origin country. */
  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode!: string | null;

  /** The growing region (dictionary `origins`). */
  @Column({ name: 'origin_id', type: 'uuid', nullable: true })
  originId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'origin_id' })
  origin?: DictionaryValueEntity | null;

  @Column({ type: 'text', nullable: true })
  farm!: string | null;

  @Column({ name: 'farmer_id', type: 'uuid', nullable: true })
  farmerId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'farmer_id' })
  farmer?: DictionaryValueEntity | null;

  @Column({ type: 'text', nullable: true })
  variety!: string | null;

  @Column({ name: 'process_id', type: 'uuid', nullable: true })
  processId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'process_id' })
  process?: DictionaryValueEntity | null;

  @Column({ name: 'roast_level', type: 'text', nullable: true })
  roastLevel!: RoastLevel | null;

  /** Metres above sea level. */
  @Column({ name: 'altitude_min', type: 'integer', nullable: true })
  altitudeMin!: number | null;

  @Column({ name: 'altitude_max', type: 'integer', nullable: true })
  altitudeMax!: number | null;

  @Column({ name: 'tasting_notes', type: 'text', array: true, default: () => "'{}'" })
  tastingNotes!: string[];

  /** EAN-8 or EAN-13 of the pack, check digit verified; one coffee per barcode. */
  @Column({ type: 'text', nullable: true, unique: true })
  barcode!: string | null;

  /** Check-in ratings (issue 17): users counted (each one's latest check-in), kept under this row's lock. */
  @Column({ name: 'rating_count', type: 'integer', default: 0 })
  ratingCount!: number;

  /** The counted ratings' sum in quarter stars. */
  @Column({ name: 'rating_sum', type: 'integer', default: 0 })
  ratingSum!: number;

  /** The counted ratings' weights summed (a verified purchase 2, any other 1): the average divides by it. */
  @Column({ name: 'rating_weight', type: 'integer', default: 0 })
  ratingWeight!: number;

  /** Σ weight × quarters of the counted ratings. */
  @Column({ name: 'rating_weighted_sum', type: 'integer', default: 0 })
  ratingWeightedSum!: number;

  /** Counted users per half star, 0.5 ★ first. */
  @Column({
    name: 'rating_distribution',
    type: 'integer',
    array: true,
    default: () => "'{0,0,0,0,0,0,0,0,0,0}'",
  })
  ratingDistribution!: number[];
}
