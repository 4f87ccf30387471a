import type { Language, Translations } from '@agora/http';
import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { DICTIONARY_KINDS, type DictionaryKind } from './dictionary-kinds.js';
import { languageCheck, type Translatable, type TranslatedField } from '../translations/translatable.js';

/**
 * A value of a list field (seed 000: roasters, farmers, origins, processes): one table for the coffee
 * dictionaries, told apart by `kind`; names are unique per kind regardless of case.
 */
@Entity({ name: 'dictionary_values' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('dictionary_values_kind_name_sort_idx', ['kind', 'name', 'id'])
@Index('dictionary_values_kind_country_code_sort_idx', ['kind', 'countryCode', 'id'])
@Index('dictionary_values_kind_created_at_sort_idx', ['kind', 'createdAt', 'id'])
@Index('dictionary_values_search_idx', { synchronize: false })
// (kind, lower(name)): an expression index, written in the migration; TypeORM leaves it alone.
@Index('dictionary_values_kind_name_key', { synchronize: false })
@Check(
  'dictionary_values_kind_check',
  `"kind" IN (${DICTIONARY_KINDS.map((kind) => `'${kind}'`).join(', ')})`,
)
@Check('dictionary_values_status_check', `"status" IN ('approved', 'pending')`)
@Check(...languageCheck('dictionary_values'))
export class DictionaryValueEntity extends VersionedEntity implements Translatable {
  @Column({ type: 'text' })
  kind!: DictionaryKind;

  @Column({ type: 'text' })
  name!: string;

  /** The language `name` is written in (issue 17): where every fallback chain ends. */
  @Column({ type: 'text', default: 'ru' })
  language!: Language;

  /** Names and descriptions in the other languages: `{ "en": { "name": "Kenya" } }` (PUT …/translations/:lang). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<TranslatedField>;

  /** ISO 3166-1 alpha-2: a roaster's or an origin's country. */
  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode!: string | null;

  /** `pending`: proposed by a user, usable only in that user's drafts until a moderator approves it. */
  @Column({ type: 'text', default: 'approved' })
  status!: 'approved' | 'pending';

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;
}
