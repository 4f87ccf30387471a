import { BeforeInsert, Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** Base of every entity: a time-ordered UUIDv7 id (safe across services, leaks no counts) and timestamps. */
export abstract class AgoraEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= uuidv7();
  }
}

/**
 * An editable resource: its `version` starts at 1 and rises by one with every change, under the row lock
 * the change holds. It is the resource's ETag, which If-Match compares (optimistic locking).
 */
export abstract class VersionedEntity extends AgoraEntity {
  @Column({ type: 'integer', default: 1 })
  version!: number;
}

export function newId(): string {
  return uuidv7();
}
