import type { OrderActor, OrderStatus } from '@agora/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A step in an order's life: from which state to which, who moved it (user and part) and when. */
@Entity({ name: 'order_transitions' })
@Index('order_transitions_order_idx', ['orderId', 'at'])
export class OrderTransitionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** Null for the order's creation. */
  @Column({ name: 'from_status', type: 'text', nullable: true })
  from!: OrderStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  to!: OrderStatus;

  /** The user who moved it; null for the payment provider and order-service itself. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: OrderActor;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
