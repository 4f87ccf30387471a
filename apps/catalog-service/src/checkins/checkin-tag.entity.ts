import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { CheckinEntity } from './checkin.entity.js';

/** A check-in's flavour tags: values of the `tags` dictionary that must exist; one in use cannot be deleted. */
@Entity({ name: 'checkin_tags' })
export class CheckinTagEntity {
  @PrimaryColumn({ name: 'checkin_id', type: 'uuid' })
  checkinId!: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  @Index('checkin_tags_tag_idx')
  tagId!: string;

  @ManyToOne(() => CheckinEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checkin_id' })
  checkin?: CheckinEntity;

  @ManyToOne(() => DictionaryValueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tag_id' })
  tag?: DictionaryValueEntity;
}
