import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { ListingEntity } from './listing.entity.js';

/** A listing's tags: values of the `tags` dictionary, created on first use; one in use cannot be deleted. */
@Entity({ name: 'listing_tags' })
export class ListingTagEntity {
  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  @Index('listing_tags_tag_idx')
  tagId!: string;

  @ManyToOne(() => ListingEntity, (listing) => listing.tagLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Relation<ListingEntity>;

  @ManyToOne(() => DictionaryValueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tag_id' })
  tag?: DictionaryValueEntity;
}
