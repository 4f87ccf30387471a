import type { CheckinKind } from '@agora/contracts';
import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CatalogErrorCode } from '../catalog.errors.js';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { invalidInput, keptOrCleared } from './item-problems.js';

/**
 * A menu product's or listing's link to the catalog coffee or watch it sells (issue 17): buying it counts as
 * buying that item, so its buyer's check-ins on the item are verified purchases.
 */
export interface SoldItemLink {
  coffeeId: string | null;
  watchId: string | null;
}

/** The link's input fields, on the product and listing input DTOs (null clears; a PUT without clears). */
export class SoldItemInputDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The catalog coffee this sells: a buyer’s check-ins on it become verified purchases once the order is issued. At most one of coffeeId and watchId',
  })
  @IsOptional()
  @IsUUID()
  coffeeId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The catalog watch this sells (a buyer’s wrist checks on it become verified purchases)',
  })
  @IsOptional()
  @IsUUID()
  watchId?: string | null;
}

/** The only code that asks whether a coffee or watch exists for a link to it. */
@Injectable()
export class SoldItemsRepository {
  /** Whether the item exists, key-share locked so it cannot be deleted before the link to it commits. */
  async lock(tx: Tx, kind: CheckinKind, id: string): Promise<boolean> {
    const found = await tx.findOne(kind === 'coffee' ? CoffeeEntity : WatchEntity, {
      where: { id },
      select: { id: true },
      lock: { mode: 'for_key_share' },
    });
    return found !== null;
  }
}

/**
 * Copies the link from the input onto the product or listing: kept by a PATCH that leaves both out, cleared by
 * a PUT that does; at most one of the two (400), and each must name an existing item (400 UNKNOWN_SOLD_ITEM).
 */
export async function assignSoldItem(
  tx: Tx,
  target: SoldItemLink,
  dto: SoldItemInputDto,
  whole: boolean,
  items: SoldItemsRepository,
): Promise<void> {
  const coffeeId = keptOrCleared(dto.coffeeId, target.coffeeId, whole);
  const watchId = keptOrCleared(dto.watchId, target.watchId, whole);
  if (coffeeId !== null && watchId !== null) {
    throw invalidInput(undefined, CatalogErrorCode.VALIDATION_FAILED, 'Sells a coffee or a watch, not both', {
      errors: [
        { field: dto.watchId !== undefined ? 'watchId' : 'coffeeId', messages: ['clear the other link'] },
      ],
    });
  }
  for (const [field, kind, id] of [
    ['coffeeId', 'coffee', coffeeId],
    ['watchId', 'watch', watchId],
  ] as const) {
    if (id !== null && id !== target[field] && !(await items.lock(tx, kind, id))) {
      throw invalidInput(undefined, CatalogErrorCode.UNKNOWN_SOLD_ITEM, `${field} names no ${kind}`, {
        errors: [
          { field, messages: [`must be the id of one of /${kind === 'coffee' ? 'coffees' : 'watches'}`] },
        ],
      });
    }
  }
  target.coffeeId = coffeeId;
  target.watchId = watchId;
}
