import { foreignKeyViolation, uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import type { ReadableKind } from '../items/moderated-items.service.js';
import { keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import type { MechanismEntity } from './mechanism.entity.js';
import {
  mechanismFields,
  MechanismInputDto,
  PatchMechanismDto,
  toMechanismDto,
  type MechanismDto,
} from './mechanism.dto.js';
import { MechanismsRepository } from './mechanisms.repository.js';

/** Watch movements (seed 002 `mechanism`, `mechanism_function`), moderated like every catalog item. */
@Injectable()
export class MechanismsService implements ReadableKind<
  MechanismEntity,
  MechanismInputDto,
  PatchMechanismDto,
  MechanismDto
> {
  readonly subject = 'mechanism' as const;
  readonly createInput = MechanismInputDto;
  readonly updateInput = PatchMechanismDto;
  readonly references = {
    mechanismTypeId: 'mechanism-types',
    factoryId: 'factories',
    functionIds: 'functions',
  } as const;

  constructor(
    readonly repository: MechanismsRepository,
    private readonly search: SearchIndex,
  ) {}

  toDto(mechanism: MechanismEntity): MechanismDto {
    return toMechanismDto(mechanism);
  }

  newItem(context: ChangeContext): Partial<MechanismEntity> {
    return { createdBy: context.authorId, updatedBy: context.authorId };
  }

  assign(
    _tx: Tx,
    mechanism: MechanismEntity,
    dto: PatchMechanismDto,
    whole: boolean,
    context: ChangeContext,
  ): void {
    refuseCleared(dto, ['name'], context);
    const pick = <K extends keyof PatchMechanismDto & keyof MechanismEntity>(key: K) =>
      keptOrCleared(dto[key], mechanism[key], whole);
    mechanism.name = dto.name ?? mechanism.name;
    mechanism.stones = pick('stones');
    mechanism.startRelease = pick('startRelease');
    mechanism.endRelease = pick('endRelease');
    mechanism.mechanismTypeId = pick('mechanismTypeId');
    mechanism.factoryId = pick('factoryId');
    mechanism.updatedBy = context.authorId;
    refuseReversed('startRelease', mechanism.startRelease, 'endRelease', mechanism.endRelease, context);
  }

  async saveRelated(
    tx: Tx,
    mechanism: MechanismEntity,
    dto: PatchMechanismDto,
    whole: boolean,
  ): Promise<void> {
    if (dto.functionIds !== undefined || whole) {
      await this.repository.replaceFunctions(tx, mechanism.id, dto.functionIds ?? []);
    }
  }

  async fields(tx: Tx, mechanism: MechanismEntity): Promise<FieldValues> {
    return mechanismFields(mechanism, await this.repository.functionIds(tx, mechanism.id));
  }

  /** Mechanisms are not searched themselves; the watches showing this one are. */
  async reindex(tx: Tx, id: string): Promise<void> {
    await this.search.refreshDependents(tx, 'mechanism', id);
  }

  title(mechanism: MechanismEntity): string {
    return mechanism.name;
  }

  conflict(error: unknown): CatalogException | null {
    return uniqueViolation(error)
      ? new CatalogException(
          CatalogErrorCode.MECHANISM_EXISTS,
          'This factory already has a mechanism with this caliber',
          { errors: [{ field: 'name', messages: ['taken for this factory'] }] },
        )
      : null;
  }

  /** A mechanism watches still use cannot be deleted. */
  removalConflict(error: unknown): CatalogException | null {
    return foreignKeyViolation(error)
      ? new CatalogException(
          CatalogErrorCode.MECHANISM_IN_USE,
          'Watches use this mechanism; change them first',
        )
      : null;
  }
}
