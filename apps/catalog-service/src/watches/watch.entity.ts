import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Unique } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { CatalogItemEntity } from '../items/catalog-item.entity.js';
import { MechanismEntity, RELEASE_YEARS_CHECK } from '../mechanisms/mechanism.entity.js';
import { WatchAliasEntity } from './watch-alias.entity.js';

const dictionaryReference = { onDelete: 'RESTRICT', nullable: true } as const;

/**
 * A watch model (seed 002 `watch`): its photo folder, design code, bracelet, production years, and its
 * gender, case material, mechanism, factory and brand; aliases (`alias`) are the words people search by.
 */
@Entity({ name: 'watches' })
@Check('watches_release_check', RELEASE_YEARS_CHECK)
@Unique('watches_folder_key', ['folder'])
@Unique('watches_code_key', ['code'])
export class WatchEntity extends CatalogItemEntity {
  /** The title shown, e.g. `Восток Амфибия 420059`. */
  @Column({ type: 'text' })
  name!: string;

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

  @Index('watches_mechanism_idx')
  @Column({ name: 'mechanism_id', type: 'uuid', nullable: true })
  mechanismId!: string | null;

  @ManyToOne(() => MechanismEntity, dictionaryReference)
  @JoinColumn({ name: 'mechanism_id' })
  mechanism?: MechanismEntity | null;

  @Index('watches_factory_idx')
  @Column({ name: 'factory_id', type: 'uuid', nullable: true })
  factoryId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'factory_id' })
  factory?: DictionaryValueEntity | null;

  @Index('watches_brand_idx')
  @Column({ name: 'brand_id', type: 'uuid', nullable: true })
  brandId!: string | null;

  @ManyToOne(() => DictionaryValueEntity, dictionaryReference)
  @JoinColumn({ name: 'brand_id' })
  brand?: DictionaryValueEntity | null;

  @OneToMany(() => WatchAliasEntity, (alias) => alias.watch)
  aliases?: WatchAliasEntity[];
}
