import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@agora/database';
import { ShopProfileEntity } from './shop-profile.entity.js';

/** The shop's profile: one row. */
@Injectable()
export class ShopProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The profile; `tx`: row-locked for a change. */
  async find(tx?: Tx): Promise<ShopProfileEntity | null> {
    const [profile] = await (tx ?? this.dataSource.manager).find(ShopProfileEntity, {
      order: { createdAt: 'ASC' },
      take: 1,
      ...(tx ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return profile ?? null;
  }

  build(tx: Tx): ShopProfileEntity {
    return tx.create(ShopProfileEntity);
  }

  save(tx: Tx, profile: ShopProfileEntity): Promise<ShopProfileEntity> {
    return tx.save(profile);
  }
}
