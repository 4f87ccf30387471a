import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { CategoryEntity } from '../categories/category.entity.js';
import { CatalogItemEntity } from '../items/catalog-item.entity.js';

/** A menu item of the coffee shop (seed 001 Product-management), in any number of categories. */
@Entity({ name: 'products' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('products_name_sort_idx', ['name', 'id'])
@Index('products_price_sort_idx', ['price', 'id'])
@Index('products_currency_sort_idx', ['currency', 'id'])
@Index('products_available_sort_idx', ['available', 'id'])
@Index('products_created_at_sort_idx', ['createdAt', 'id'])
@Index('products_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('products_search_idx', { synchronize: false })
@Check('products_price_check', `"price" >= 0`)
@Check('products_stock_check', `"stock" >= 0`)
@Check('products_sold_item_check', `num_nonnulls("coffee_id", "watch_id") <= 1`)
// Deleting a coffee or watch clears the links to it (foreign keys).
@Index('products_coffee_idx', ['coffeeId'])
@Index('products_watch_idx', ['watchId'])
export class ProductEntity extends CatalogItemEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** numeric(12,2), read back as a string such as `"250.00"`. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;

  @Column({ type: 'text', default: 'RUB' })
  currency!: string;

  /** Offered now; an unavailable product stays in the menu, greyed out. */
  @Column({ type: 'boolean', default: true })
  available!: boolean;

  /**
   * Units left to sell; null when the shop does not count them (no limit). Orders take units as catalog holds
   * them for each order placed (the stock saga) and give them back when an order ends before shipping.
   */
  @Column({ type: 'integer', nullable: true })
  stock!: number | null;

  /**
   * The catalog coffee this product sells, if any (issue 17): buying it is buying that coffee, so the buyer's
   * check-ins on the coffee are verified purchases. At most one of `coffeeId` and `watchId`.
   */
  @Column({ name: 'coffee_id', type: 'uuid', nullable: true })
  coffeeId!: string | null;

  @ManyToOne(() => CoffeeEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'coffee_id' })
  coffee?: CoffeeEntity | null;

  /** The catalog watch this product sells, if any (a wrist check by its buyer is a verified purchase). */
  @Column({ name: 'watch_id', type: 'uuid', nullable: true })
  watchId!: string | null;

  @ManyToOne(() => WatchEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'watch_id' })
  watch?: WatchEntity | null;

  /** Seed 001's link table between products and categories; rows go with either side. */
  @ManyToMany(() => CategoryEntity, { onDelete: 'CASCADE' })
  @JoinTable({
    name: 'product_categories',
    joinColumn: { name: 'product_id' },
    inverseJoinColumn: { name: 'category_id' },
  })
  categories?: CategoryEntity[];
}
