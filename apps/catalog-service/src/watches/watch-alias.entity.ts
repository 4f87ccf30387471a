import { AgoraEntity } from '@agora/database';
import { Column, Entity, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { WatchEntity } from './watch.entity.js';

/** Seed 002 `alias`: a search keyword of a watch, unique per watch; deleted with it. */
@Entity({ name: 'watch_aliases' })
@Unique('watch_aliases_watch_key_key', ['watchId', 'key'])
export class WatchAliasEntity extends AgoraEntity {
  @Column({ name: 'watch_id', type: 'uuid' })
  watchId!: string;

  @ManyToOne(() => WatchEntity, (watch) => watch.aliases, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'watch_id' })
  watch?: Relation<WatchEntity>;

  @Column({ type: 'text' })
  key!: string;
}
