import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

/** A menu category (seed 001 Categories-management), e.g. Coffee, Tea, Desserts; names unique regardless of case. */
@Entity({ name: 'categories' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('categories_name_sort_idx', ['name', 'id'])
@Index('categories_position_sort_idx', ['position', 'id'])
@Index('categories_created_at_sort_idx', ['createdAt', 'id'])
@Index('categories_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('categories_search_idx', { synchronize: false })
// lower(name): an expression index, written in the migration.
@Index('categories_name_key', { synchronize: false })
export class CategoryEntity extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Where the category appears in the menu, ascending. */
  @Column({ type: 'integer', default: 0 })
  position!: number;
}
