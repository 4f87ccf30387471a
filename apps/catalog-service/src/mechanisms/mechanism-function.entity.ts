import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { MechanismEntity } from './mechanism.entity.js';

/**
 * Seed 002 `mechanism_function`: which functions a mechanism has. Deleting a mechanism drops its links;
 * a function still linked cannot be deleted (409) unless its links move to another function.
 */
@Entity({ name: 'mechanism_functions' })
export class MechanismFunctionEntity {
  @PrimaryColumn({ name: 'mechanism_id', type: 'uuid' })
  mechanismId!: string;

  @PrimaryColumn({ name: 'function_id', type: 'uuid' })
  @Index('mechanism_functions_function_idx')
  functionId!: string;

  @ManyToOne(() => MechanismEntity, (mechanism) => mechanism.functionLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mechanism_id' })
  mechanism?: Relation<MechanismEntity>;

  @ManyToOne(() => DictionaryValueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'function_id' })
  function?: DictionaryValueEntity;
}
