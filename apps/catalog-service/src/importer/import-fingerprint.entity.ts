import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A change the importer proposed once (a new coffee's fields, or an item's changed fields): the same row
 * read again, by any run, finds its fingerprint here and proposes nothing (idempotent imports).
 */
@Entity({ name: 'import_fingerprints' })
export class ImportFingerprintEntity {
  /** sha256 of the kind, the item (or none) and the proposed fields, keys sorted. */
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  /** The draft the change was proposed in. */
  @Column({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
