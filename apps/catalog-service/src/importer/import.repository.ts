import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { barcodeForms } from '../items/barcode.js';
import { ImportFingerprintEntity } from './import-fingerprint.entity.js';

/** What the importer reads to match rows (coffees, dictionary values) and its fingerprints. */
@Injectable()
export class ImportRepository {
  /** The approved value of the dictionary with this name, whatever its case. */
  findValueByName(tx: Tx, kind: DictionaryKind, name: string): Promise<DictionaryValueEntity | null> {
    return tx
      .createQueryBuilder(DictionaryValueEntity, 'value')
      .where('value.kind = :kind AND lower(value.name) = lower(:name)', { kind, name })
      .andWhere(`value.status = 'approved'`)
      .getOne();
  }

  /** The coffee saved under any spelling of the barcode. */
  findCoffeeByBarcode(tx: Tx, barcode: string): Promise<CoffeeEntity | null> {
    return tx.findOne(CoffeeEntity, {
      where: { barcode: In(barcodeForms(barcode)) },
      order: { barcode: 'ASC' },
    });
  }

  /** The ids and names of a roaster's coffees (the importer matches names in its own normal form). */
  async coffeeNamesOf(tx: Tx, roasterId: string): Promise<{ id: string; name: string }[]> {
    return tx.find(CoffeeEntity, {
      select: { id: true, name: true },
      where: { roasterId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findCoffee(tx: Tx, id: string): Promise<CoffeeEntity | null> {
    return tx.findOneBy(CoffeeEntity, { id });
  }

  /**
   * Claims a fingerprint for a draft: true when it is new; false when a run proposed the same change
   * already (a concurrent run's claim waits for that run's transaction, then finds it).
   */
  async claim(tx: Tx, fingerprint: string, draftId: string): Promise<boolean> {
    const rows = await tx
      .createQueryBuilder()
      .insert()
      .into(ImportFingerprintEntity)
      .values({ fingerprint, draftId })
      .orIgnore()
      .returning(['fingerprint'])
      .execute();
    return (rows.raw as unknown[]).length > 0;
  }

  /** The draft a fingerprint was proposed in. */
  async draftOf(tx: Tx, fingerprint: string): Promise<string | null> {
    return (await tx.findOneBy(ImportFingerprintEntity, { fingerprint }))?.draftId ?? null;
  }
}
