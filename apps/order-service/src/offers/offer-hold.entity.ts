import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Units of an offer an order placed here holds until catalog has answered for them (the stock saga,
 * docs/adr/0013-stock-saga.md): the offer's `reserved` is the sum of its holds. catalog's confirmation (or the
 * item event of the hold) carries the stock it took them from, and ends the hold in the transaction that
 * applies that stock; its rejection ends it too (nothing was taken). So a unit is counted once: here before
 * catalog holds it, in catalog's stock after.
 */
@Entity({ name: 'offer_holds' })
@Check('offer_holds_quantity_check', `"quantity" > 0`)
export class OfferHoldEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'integer' })
  quantity!: number;
}
