import { AgoraEntity } from '@agora/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';

/** The user lists of catalog items (seed 002 collections, Untappd's): what one wants, and what one had. */
export const USER_LISTS = ['wishlist', 'had'] as const;
export type UserList = (typeof USER_LISTS)[number];

/** What the lists hold: catalog items (listings are order-service's favourites). */
export const LIST_ITEM_KINDS = ['coffee', 'watch', 'mechanism', 'product'] as const;
export type ListItemKind = (typeof LIST_ITEM_KINDS)[number];

const cascade = { onDelete: 'CASCADE', nullable: true } as const;
const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * An item on a user's wishlist or "had it" list, once per list. A check-in adds its item to its author's
 * "had" list (a trigger on check-ins, in the LikesListsTagCloud migration). The row goes with the item.
 */
@Entity({ name: 'user_items' })
@Unique('user_items_user_list_item_key', ['userId', 'list', 'itemId'])
// List sorts (ties by id): by added date, and by added date within a kind (`filter[kind]`).
@Index('user_items_user_list_created_at_sort_idx', ['userId', 'list', 'createdAt', 'id'])
@Index('user_items_user_list_kind_created_at_sort_idx', ['userId', 'list', 'kind', 'createdAt', 'id'])
@Index('user_items_coffee_idx', ['coffeeId'])
@Index('user_items_watch_idx', ['watchId'])
@Index('user_items_mechanism_idx', ['mechanismId'])
@Index('user_items_product_idx', ['productId'])
@Check('user_items_list_check', `"list" IN (${quoted(USER_LISTS)})`)
@Check('user_items_kind_check', `"kind" IN (${quoted(LIST_ITEM_KINDS)})`)
@Check('user_items_one_item_check', `num_nonnulls("coffee_id", "watch_id", "mechanism_id", "product_id") = 1`)
export class UserItemEntity extends AgoraEntity {
  /** auth-service's user. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  list!: UserList;

  @Column({ type: 'text' })
  kind!: ListItemKind;

  /** The item's id (the one non-null reference column's value). */
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'coffee_id', type: 'uuid', nullable: true })
  coffeeId!: string | null;

  @ManyToOne(() => CoffeeEntity, cascade)
  @JoinColumn({ name: 'coffee_id' })
  coffee?: CoffeeEntity | null;

  @Column({ name: 'watch_id', type: 'uuid', nullable: true })
  watchId!: string | null;

  @ManyToOne(() => WatchEntity, cascade)
  @JoinColumn({ name: 'watch_id' })
  watch?: WatchEntity | null;

  @Column({ name: 'mechanism_id', type: 'uuid', nullable: true })
  mechanismId!: string | null;

  @ManyToOne(() => MechanismEntity, cascade)
  @JoinColumn({ name: 'mechanism_id' })
  mechanism?: MechanismEntity | null;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @ManyToOne(() => ProductEntity, cascade)
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity | null;
}
