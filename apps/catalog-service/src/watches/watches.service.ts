import type { CatalogItemFactsV1 } from '@agora/contracts';
import { uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CatalogConfig } from '../catalog.config.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import type { ReadableKind } from '../items/moderated-items.service.js';
import { invalidInput, keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { MechanismsRepository } from '../mechanisms/mechanisms.repository.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import type { WatchEntity } from './watch.entity.js';
import { PatchWatchDto, toWatchDto, watchFields, WatchInputDto, type WatchDto } from './watch.dto.js';
import { WatchesRepository } from './watches.repository.js';

/** Which field each unique constraint guards. */
const UNIQUE_FIELDS: Record<string, string> = { watches_folder_key: 'folder', watches_code_key: 'code' };

/** Watches (seed 002 `watch`, `alias`), moderated like every catalog item. */
@Injectable()
export class WatchesService implements ReadableKind<WatchEntity, WatchInputDto, PatchWatchDto, WatchDto> {
  readonly subject = 'watch' as const;
  readonly createInput = WatchInputDto;
  readonly updateInput = PatchWatchDto;
  readonly references = {
    genderId: 'genders',
    caseMaterialId: 'case-materials',
    factoryId: 'factories',
    brandId: 'brands',
  } as const;

  constructor(
    readonly repository: WatchesRepository,
    private readonly mechanisms: MechanismsRepository,
    private readonly search: SearchIndex,
    private readonly config: CatalogConfig,
  ) {}

  /** The watches with these ids, in no particular order (missing ones left out). */
  async getMany(ids: readonly string[]): Promise<WatchDto[]> {
    return (await this.repository.findManyLoaded(ids)).map((watch) =>
      toWatchDto(watch, this.config.RATING_MIN_COUNT),
    );
  }

  toDto(watch: WatchEntity): WatchDto {
    return toWatchDto(watch, this.config.RATING_MIN_COUNT);
  }

  newItem(context: ChangeContext): Partial<WatchEntity> {
    return { createdBy: context.authorId, updatedBy: context.authorId };
  }

  async assign(
    tx: Tx,
    watch: WatchEntity,
    dto: PatchWatchDto,
    whole: boolean,
    context: ChangeContext,
  ): Promise<void> {
    refuseCleared(dto, ['name', 'folder'], context);
    if (dto.mechanismId && !(await this.mechanisms.exists(dto.mechanismId, tx))) {
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
    watch.updatedBy = context.authorId;
    refuseReversed('startRelease', watch.startRelease, 'endRelease', watch.endRelease, context);
  }

  async saveRelated(tx: Tx, watch: WatchEntity, dto: PatchWatchDto, whole: boolean): Promise<void> {
    if (dto.aliases !== undefined || whole) {
      await this.repository.replaceAliases(tx, watch.id, dto.aliases ?? []);
    }
  }

  async fields(tx: Tx, watch: WatchEntity): Promise<FieldValues> {
    return watchFields(watch, await this.repository.aliases(tx, watch.id));
  }

  title(watch: WatchEntity): string {
    return watch.name;
  }

  /** Its mechanism's name, for CoTask's "Soviet calibres" deck. */
  async facts(tx: Tx, watch: WatchEntity): Promise<CatalogItemFactsV1> {
    const mechanism = watch.mechanismId
      ? await tx.findOneBy(MechanismEntity, { id: watch.mechanismId })
      : null;
    return { mechanism: mechanism?.name ?? null };
  }

  conflict(error: unknown): CatalogException | null {
    const field = UNIQUE_FIELDS[uniqueViolation(error) ?? ''];
    return field
      ? new CatalogException(CatalogErrorCode.WATCH_EXISTS, `Another watch has this ${field}`, {
          errors: [{ field, messages: [`another watch has this ${field}`] }],
        })
      : null;
  }

  async reindex(tx: Tx, id: string): Promise<void> {
    await this.search.refresh(tx, this.subject, [id]);
  }
}
