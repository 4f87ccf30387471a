import { AgoraEntity } from '@agora/database';
import { Column, Entity } from 'typeorm';

/** The shop itself: one row, edited by admins. */
@Entity({ name: 'shop_profile' })
export class ShopProfileEntity extends AgoraEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;
}
