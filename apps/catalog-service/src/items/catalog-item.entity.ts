import { AgoraEntity } from '@agora/database';
import { Column } from 'typeorm';

/** Base of every moderated catalog item: a version for events and drafts, and who created and changed it. */
export abstract class CatalogItemEntity extends AgoraEntity {
  /** Increases with every change: events carry it, drafts remember the version they were written on. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Seed 002's `user_id`: whose item it is (the approved draft's author, or the moderator). */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;
}
