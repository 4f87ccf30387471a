import { VersionedEntity } from '@agora/database';
import { Column } from 'typeorm';

/**
 * Base of every moderated catalog item: a version (its ETag; events carry it, drafts remember the version
 * they were written on), and who created and changed it.
 */
export abstract class CatalogItemEntity extends VersionedEntity {
  /** Seed 002's `user_id`: whose item it is (the approved draft's author, or the moderator). */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;
}
