import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Marks of one-off work on social-service's read models, e.g. the catalog copy rebuilt from catalog's snapshot. */
@Entity({ name: 'read_model_state' })
export class ReadModelStateEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'done_at', type: 'timestamptz' })
  doneAt!: Date;
}
