import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What social-service learns of a coffee or a watch from catalog's item events (`catalog.item.*`), for the
 * generated decks: a coffee's origin country and region, a watch's mechanism. A deleted item stays as a
 * tombstone, so its creation arriving late cannot bring it back; `version` drops stale events.
 */
@Entity({ name: 'cotask_catalog_facts' })
@Index('cotask_catalog_facts_kind_name_idx', ['kind', 'name', 'itemId'], { where: 'NOT "deleted"' })
export class CatalogFactEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** `coffee` or `watch`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Coffee: ISO 3166-1 alpha-2 of its origin country. */
  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode!: string | null;

  /** Coffee: its growing region's name. */
  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** Watch: its mechanism's (calibre's) name. */
  @Column({ type: 'text', nullable: true })
  mechanism!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
