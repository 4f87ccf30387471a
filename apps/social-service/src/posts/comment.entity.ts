import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProfileEntity } from '../profiles/profile.entity.js';
import { PostEntity } from './post.entity.js';

/** A comment on a post, or an answer to one (one level deep: an answer's parent has no parent). */
@Entity({ name: 'comments' })
@Index('comments_post_created_idx', ['postId', 'createdAt', 'id'])
export class CommentEntity extends AgoraEntity {
  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: ProfileEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommentEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions!: string[];
}
