import type { Language, Translations } from '@agora/http';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { CatalogItemEntity } from '../items/catalog-item.entity.js';
import { MechanismFunctionEntity } from './mechanism-function.entity.js';
import { languageCheck, type Translatable, type TranslatedField } from '../translations/translatable.js';

const dictionaryReference = { onDelete: 'RESTRICT', nullable: true } as const;

/** Production years, when both are known, run forwards (seed 002: start_release, end_release). */
export const RELEASE_YEARS_CHECK = `"start_release" IS NULL OR "end_release" IS NULL OR "start_release" <= "end_release"`;

/**
 * A watch movement (seed 002 `mechanism`): its caliber, jewels, production years, type, factory and
 * functions (`mechanism_function`). A caliber name is unique per factory, regardless of case.
 */
@Entity({ name: 'mechanisms' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('mechanisms_name_sort_idx', ['name', 'id'])
@Index('mechanisms_stones_sort_idx', ['stones', 'id'])
@Index('mechanisms_start_release_sort_idx', ['startRelease', 'id'])
@Index('mechanisms_end_release_sort_idx', ['endRelease', 'id'])
@Index('mechanisms_mechanism_type_id_sort_idx', ['mechanismTypeId', 'id'])
@Index('mechanisms_factory_id_sort_idx', ['factoryId', 'id'])
@Index('mechanisms_created_by_sort_idx', ['createdBy', 'id'])
@Index('mechanisms_created_at_sort_idx', ['createdAt', 'id'])
@Index('mechanisms_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('mechanisms_search_idx', { synchronize: false })
// (coalesce(factory_id, nil uuid), lower(name)): an expression index, written in the migration.
@Index('mechanisms_factory_name_key', { synchronize: false })
@Check('mechanisms_release_check', RELEASE_YEARS_CHECK)
@Check('mechanisms_stones_check', `"stones" IS NULL OR "stones" BETWEEN 0 AND 100`)
@Check(...languageCheck('mechanisms'))
export class MechanismEntity extends CatalogItemEntity implements Translatable {
  /** The caliber, e.g. `2409` or `ETA 2824-2`. */
  @Column({ type: 'text' })
  name!: string;

  /** The language `name` is written in (issue 17): where every fallback chain ends. */
  @Column({ type: 'text', default: 'ru' })
  language!: Language;

  /** Names and descriptions in the other languages: `{ "en": { "name": "Kenya" } }` (PUT …/translations/:lang). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<TranslatedField>;

  /** Jewels ("камни"). */
  @Column({ type: 'integer', nullable: true })
  stones!: number | null;

  @Column({ name: 'start_release', type: 'integer', nullable: true })
  startRelease!: number | null;

  @Column({ name: 'end_release', type: 'integer', nullable: true })
  endRelease!: number | null;

  @Column({ name: 'mechanism_type_id', type: 'uuid', nullable: true })
  mechanismTypeId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'mechanism_type_id' })
  mechanismType?: DictionaryValueEntity | null;

  @Column({ name: 'factory_id', type: 'uuid', nullable: true })
  factoryId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'factory_id' })
  factory?: DictionaryValueEntity | null;

  @OneToMany(() => MechanismFunctionEntity, (link) => link.mechanism)
  functionLinks?: MechanismFunctionEntity[];
}
