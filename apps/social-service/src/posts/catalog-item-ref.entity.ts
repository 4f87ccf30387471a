import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A catalog item a post may refer to, learned from catalog's `catalog.item.*` events. A deleted item keeps
 * a tombstone row (`deleted`), so a late `updated` event cannot bring it back.
 */
@Entity({ name: 'catalog_items' })
export class CatalogItemRefEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * When a rebuild from catalog's snapshot last saw the item (null: none has). A rebuild retires every item
   * neither seen nor updated since it started: catalog no longer holds it (e.g. after `npm run seed -- --reset`).
   */
  @Column({ name: 'snapshot_seen_at', type: 'timestamptz', nullable: true })
  snapshotSeenAt!: Date | null;
}
