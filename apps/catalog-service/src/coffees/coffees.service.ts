import type { CatalogItemFactsV1 } from '@agora/contracts';
import { uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CatalogConfig } from '../catalog.config.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { barcodeFormat } from '../items/barcode.js';
import type { ReadableKind } from '../items/moderated-items.service.js';
import { keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import { CoffeeEntity } from './coffee.entity.js';
import {
  coffeeFields,
  CoffeeInputDto,
  PatchCoffeeDto,
  toCoffeeDto,
  type CoffeeDraftTemplate,
  type CoffeeDto,
  type LoadedCoffee,
} from './coffee.dto.js';
import { CoffeesRepository } from './coffees.repository.js';

/** Coffee cards (seed 000): read by everyone, written by moderators directly and by users through drafts. */
@Injectable()
export class CoffeesService implements ReadableKind<
  CoffeeEntity,
  CoffeeInputDto,
  PatchCoffeeDto,
  CoffeeDto,
  LoadedCoffee
> {
  readonly subject = 'coffee' as const;
  readonly createInput = CoffeeInputDto;
  readonly updateInput = PatchCoffeeDto;
  /** Which dictionary each reference field points into. */
  readonly references = {
    roasterId: 'roasters',
    originId: 'origins',
    farmerId: 'farmers',
    processId: 'processes',
  } as const;

  constructor(
    readonly repository: CoffeesRepository,
    private readonly search: SearchIndex,
    private readonly config: CatalogConfig,
  ) {}

  async getByBarcode(barcode: string): Promise<CoffeeDto> {
    const coffee = await this.repository.findByBarcode(barcode);
    if (!coffee) {
      const draftTemplate: CoffeeDraftTemplate = {
        barcode,
        barcodeFormat: barcodeFormat(barcode) ?? 'EAN-13',
      };
      throw new CatalogException(
        CatalogErrorCode.COFFEE_NOT_FOUND,
        `No coffee with barcode ${barcode}; propose it with POST /coffees, starting from draftTemplate`,
        { extensions: { draftTemplate, propose: { method: 'POST', path: '/coffees' } } },
      );
    }
    return toCoffeeDto(coffee, this.config.RATING_MIN_COUNT);
  }

  toDto(coffee: LoadedCoffee): CoffeeDto {
    return toCoffeeDto(coffee, this.config.RATING_MIN_COUNT);
  }

  newItem(context: ChangeContext): Partial<CoffeeEntity> {
    return { createdBy: context.authorId, updatedBy: context.authorId };
  }

  assign(_tx: Tx, coffee: CoffeeEntity, dto: PatchCoffeeDto, whole: boolean, context: ChangeContext): void {
    refuseCleared(dto, ['name', 'roasterId'], context);
    const pick = <K extends keyof PatchCoffeeDto & keyof CoffeeEntity>(key: K) =>
      keptOrCleared(dto[key], coffee[key], whole);
    coffee.name = dto.name ?? coffee.name;
    coffee.roasterId = dto.roasterId ?? coffee.roasterId;
    coffee.countryCode = pick('countryCode');
    coffee.originId = pick('originId');
    coffee.farm = pick('farm');
    coffee.farmerId = pick('farmerId');
    coffee.variety = pick('variety');
    coffee.processId = pick('processId');
    coffee.roastLevel = pick('roastLevel');
    coffee.altitudeMin = pick('altitudeMin');
    coffee.altitudeMax = pick('altitudeMax');
    coffee.tastingNotes = dto.tastingNotes ?? (whole ? [] : coffee.tastingNotes);
    coffee.barcode = pick('barcode');
    coffee.updatedBy = context.authorId;
    refuseReversed('altitudeMin', coffee.altitudeMin, 'altitudeMax', coffee.altitudeMax, context);
  }

  fields(_tx: Tx, coffee: CoffeeEntity): Promise<FieldValues> {
    return Promise.resolve(coffeeFields(coffee));
  }

  title(coffee: CoffeeEntity): string {
    return coffee.name;
  }

  /** Its origin country and region, for CoTask's "Coffee origins" deck. */
  async facts(tx: Tx, coffee: CoffeeEntity): Promise<CatalogItemFactsV1> {
    const origin = coffee.originId
      ? await tx.findOneBy(DictionaryValueEntity, { id: coffee.originId })
      : null;
    return { countryCode: coffee.countryCode, region: origin?.name ?? null };
  }

  conflict(error: unknown): CatalogException | null {
    return uniqueViolation(error)
      ? new CatalogException(CatalogErrorCode.BARCODE_TAKEN, 'Another coffee has this barcode', {
          errors: [{ field: 'barcode', messages: ['another coffee has this barcode'] }],
        })
      : null;
  }

  async reindex(tx: Tx, id: string): Promise<void> {
    await this.search.refresh(tx, this.subject, [id]);
  }
}
