import type { Language, Translations } from '@agora/http';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Unique } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { CatalogItemEntity } from '../items/catalog-item.entity.js';
import { MechanismEntity, RELEASE_YEARS_CHECK } from '../mechanisms/mechanism.entity.js';
import { WatchAliasEntity } from './watch-alias.entity.js';
import { languageCheck, type Translatable, type TranslatedField } from '../translations/translatable.js';

const dictionaryReference = { onDelete: 'RESTRICT', nullable: true } as const;

/**
 * A watch model (seed 002 `watch`): its photo folder, design code, bracelet, production years, and its
 * gender, case material, mechanism, factory and brand; aliases (`alias`) are the words people search by.
 */
@Entity({ name: 'watches' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('watches_name_sort_idx', ['name', 'id'])
@Index('watches_integrated_bracelet_sort_idx', ['integratedBracelet', 'id'])
@Index('watches_start_release_sort_idx', ['startRelease', 'id'])
@Index('watches_end_release_sort_idx', ['endRelease', 'id'])
@Index('watches_gender_id_sort_idx', ['genderId', 'id'])
@Index('watches_case_material_id_sort_idx', ['caseMaterialId', 'id'])
@Index('watches_mechanism_id_sort_idx', ['mechanismId', 'id'])
@Index('watches_factory_id_sort_idx', ['factoryId', 'id'])
@Index('watches_brand_id_sort_idx', ['brandId', 'id'])
@Index('watches_created_by_sort_idx', ['createdBy', 'id'])
@Index('watches_created_at_sort_idx', ['createdAt', 'id'])
@Index('watches_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('watches_search_idx', { synchronize: false })
// Top lists: the rated rows' counts and sums, read by an index-only scan (check-ins' Bayesian ranking).
@Index('watches_rating_top_idx', ['ratingCount', 'ratingWeight', 'ratingWeightedSum', 'id'], {
  where: '"rating_count" > 0',
})
@Check('watches_release_check', RELEASE_YEARS_CHECK)
@Unique('watches_folder_key', ['folder'])
@Unique('watches_code_key', ['code'])
@Check(...languageCheck('watches'))
export class WatchEntity extends CatalogItemEntity implements Translatable {
  /** The title shown, e.g. `Восток Амфибия 420059`. */
  @Column({ type: 'text' })
  name!: string;

  /** The language `name` is written in (issue 17): where every fallback chain ends. */
  @Column({ type: 'text', default: 'ru' })
  language!: Language;

  /** Names and descriptions in the other languages: `{ "en": { "name": "Kenya" } }` (PUT …/translations/:lang). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<TranslatedField>;

  /** Seed 002 `folder`: the photo folder's name, unique. */
  @Column({ type: 'text' })
  folder!: string;

  /** Seed 002 `code` ("номер оформления"): the design number, unique when given. */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ name: 'integrated_bracelet', type: 'boolean', default: false })
  integratedBracelet!: boolean;

  @Column({ name: 'start_release', type: 'integer', nullable: true })
  startRelease!: number | null;

  @Column({ name: 'end_release', type: 'integer', nullable: true })
  endRelease!: number | null;

  @Column({ name: 'gender_id', type: 'uuid', nullable: true })
  genderId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'gender_id' })
  gender?: DictionaryValueEntity | null;

  @Column({ name: 'case_material_id', type: 'uuid', nullable: true })
  caseMaterialId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'case_material_id' })
  caseMaterial?: DictionaryValueEntity | null;

  @Column({ name: 'mechanism_id', type: 'uuid', nullable: true })
  mechanismId!: string | null;

  @ManyToOne(() => MechanismEntity, dictionaryReference)
  @JoinColumn({ name: 'mechanism_id' })
  mechanism?: MechanismEntity | null;

  @Column({ name: 'factory_id', type: 'uuid', nullable: true })
  factoryId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'factory_id' })
  factory?: DictionaryValueEntity | null;

  @Column({ name: 'brand_id', type: 'uuid', nullable: true })
  brandId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'brand_id' })
  brand?: DictionaryValueEntity | null;

  @OneToMany(() => WatchAliasEntity, (alias) => alias.watch)
  aliases?: WatchAliasEntity[];

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
