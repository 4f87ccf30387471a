import { CHECKIN_KINDS, type CheckinKind } from '@agora/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';

/**
 * The tag cloud's aggregate: how many check-ins on a kind of item, made on a (UTC) day, carry a flavour tag.
 * Kept by triggers on check-in tags (LikesListsTagCloud migration), so every way a tag link comes or goes
 * (a check-in written, edited, deleted, its item deleted, a tag merged by `replaceWith`) counts. The cloud
 * sums a window's days: at most days × tags rows, however many check-ins there are.
 */
@Entity({ name: 'tag_uses' })
@Index('tag_uses_tag_idx', ['tagId'])
@Check('tag_uses_kind_check', `"kind" IN (${CHECKIN_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class TagUseEntity {
  @PrimaryColumn({ type: 'text' })
  kind!: CheckinKind;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  tagId!: string;

  @ManyToOne(() => DictionaryValueEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: DictionaryValueEntity;

  @Column({ type: 'integer', default: 0 })
  uses!: number;
}
