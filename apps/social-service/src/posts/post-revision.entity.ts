import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PostEntity } from './post.entity.js';

/** A post as it was before an edit: `version` is the version this text had. */
@Entity({ name: 'post_revisions' })
@Index('post_revisions_post_created_idx', ['postId', 'createdAt', 'id'])
export class PostRevisionEntity extends AgoraEntity {
  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'media_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mediaIds!: string[];

  @Column({ type: 'text' })
  visibility!: string;
}
