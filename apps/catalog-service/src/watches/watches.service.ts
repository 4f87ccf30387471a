import { uniqueViolation } from '@agora/database';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CatalogItemStore } from '../items/catalog-item.store.js';
import { invalidInput, keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { WatchAliasEntity, WatchEntity } from './watch.entity.js';
import {
  PatchWatchDto,
  toWatchDto,
  WATCH_LIST_QUERY,
  watchFields,
  WatchInputDto,
  type WatchDto,
  type WatchPageDto,
} from './watch.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const REFERENCES = {
  genderId: 'genders',
  caseMaterialId: 'case-materials',
  factoryId: 'factories',
  brandId: 'brands',
} as const;

/** Which field each unique constraint guards. */
const UNIQUE_FIELDS: Record<string, string> = { watches_folder_key: 'folder', watches_code_key: 'code' };

/** Watches (seed 002 `watch`, `alias`), moderated like every catalog item. */
@Injectable()
export class WatchesService extends CatalogItemStore<WatchEntity, WatchInputDto, PatchWatchDto, WatchDto> {
  readonly subject = 'watch' as const;
  readonly createInput = WatchInputDto;
  readonly updateInput = PatchWatchDto;
  protected readonly entity = WatchEntity;
  protected readonly references = REFERENCES;

  async list(query: ParsedListQuery): Promise<WatchPageDto> {
    const page = await findPage(this.withRelations(), query, WATCH_LIST_QUERY.searchable);
    return mapPage(page, toWatchDto);
  }

  async get(id: string): Promise<WatchDto> {
    const watch = await this.withRelations().where('watch.id = :id', { id }).getOne();
    if (!watch) {
      throw this.notFound(id);
    }
    return toWatchDto(watch);
  }

  /** The watches with these ids, in no particular order (missing ones left out). */
  async getMany(ids: readonly string[]): Promise<WatchDto[]> {
    if (ids.length === 0) {
      return [];
    }
    const watches = await this.withRelations()
      .where({ id: In([...ids]) })
      .getMany();
    return watches.map(toWatchDto);
  }

  protected async assign(
    manager: EntityManager,
    watch: WatchEntity,
    dto: PatchWatchDto,
    whole: boolean,
    context: ChangeContext,
  ): Promise<void> {
    refuseCleared(dto, ['name', 'folder'], context);
    if (dto.mechanismId && !(await manager.existsBy(MechanismEntity, { id: dto.mechanismId }))) {
      throw invalidInput(context, CatalogErrorCode.UNKNOWN_MECHANISM, 'mechanismId is not a mechanism', {
        errors: [{ field: 'mechanismId', messages: ['must be the id of one of /mechanisms'] }],
      });
    }
    const pick = <K extends keyof PatchWatchDto & keyof WatchEntity>(key: K) =>
      keptOrCleared<PatchWatchDto[K] | WatchEntity[K]>(dto[key], watch[key], whole);
    watch.name = dto.name ?? watch.name;
    watch.folder = dto.folder ?? watch.folder;
    watch.code = pick('code');
    watch.integratedBracelet = dto.integratedBracelet ?? (whole ? false : watch.integratedBracelet);
    watch.startRelease = pick('startRelease');
    watch.endRelease = pick('endRelease');
    watch.genderId = pick('genderId');
    watch.caseMaterialId = pick('caseMaterialId');
    watch.mechanismId = pick('mechanismId');
    watch.factoryId = pick('factoryId');
    watch.brandId = pick('brandId');
    refuseReversed('startRelease', watch.startRelease, 'endRelease', watch.endRelease, context);
  }

  protected override async saveRelated(
    manager: EntityManager,
    watch: WatchEntity,
    dto: PatchWatchDto,
    whole: boolean,
  ): Promise<void> {
    if (dto.aliases === undefined && !whole) {
      return;
    }
    await manager.delete(WatchAliasEntity, { watchId: watch.id });
    for (const key of dto.aliases ?? []) {
      await manager.save(manager.create(WatchAliasEntity, { watchId: watch.id, key }));
    }
  }

  protected async fields(manager: EntityManager, watch: WatchEntity): Promise<FieldValues> {
    const aliases = await manager.findBy(WatchAliasEntity, { watchId: watch.id });
    return watchFields(
      watch,
      aliases.map((alias) => alias.key),
    );
  }

  protected title(watch: WatchEntity): string {
    return watch.name;
  }

  protected duplicate(error: unknown): CatalogException | null {
    const field = UNIQUE_FIELDS[uniqueViolation(error) ?? ''];
    return field
      ? new CatalogException(CatalogErrorCode.WATCH_EXISTS, `Another watch has this ${field}`, {
          errors: [{ field, messages: [`another watch has this ${field}`] }],
        })
      : null;
  }

  private withRelations(): SelectQueryBuilder<WatchEntity> {
    return this.deps.dataSource.manager
      .createQueryBuilder(WatchEntity, 'watch')
      .leftJoinAndSelect('watch.gender', 'gender')
      .leftJoinAndSelect('watch.caseMaterial', 'caseMaterial')
      .leftJoinAndSelect('watch.mechanism', 'mechanism')
      .leftJoinAndSelect('watch.factory', 'factory')
      .leftJoinAndSelect('watch.brand', 'brand')
      .leftJoinAndSelect('watch.aliases', 'alias');
  }
}
