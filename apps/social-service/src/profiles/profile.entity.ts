import { AgoraEntity } from '@agora/database';
import { Column, Entity } from 'typeorm';

/** A user's public profile; its id is the auth-service user id. */
@Entity({ name: 'profiles' })
export class ProfileEntity extends AgoraEntity {
  @Column({ type: 'text' })
  login!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;
}
