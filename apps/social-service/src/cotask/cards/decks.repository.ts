import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import { DECK_LIST_QUERY } from './cards.dto.js';
import { DeckEntity, type GeneratedDeck } from './deck.entity.js';

/** The only code that touches `social.cotask_decks`. */
@Injectable()
export class DecksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(tx: Tx, deck: DeepPartial<DeckEntity>): Promise<DeckEntity> {
    const id = newId();
    await tx.insert(DeckEntity, { ...deck, id });
    return tx.findOneByOrFail(DeckEntity, { id });
  }

  /**
   * A subscription to a generated deck, or null when the user has it already (a unique key, so N
   * simultaneous subscriptions make one deck).
   */
  async addGenerated(
    tx: Tx,
    deck: DeepPartial<DeckEntity> & { generated: GeneratedDeck },
  ): Promise<DeckEntity | null> {
    const id = newId();
    const rows = await tx
      .createQueryBuilder()
      .insert()
      .into(DeckEntity)
      .values({ ...deck, id })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (rows.raw as unknown[]).length > 0 ? tx.findOneByOrFail(DeckEntity, { id }) : null;
  }

  /** The user's deck following the generated deck, if they follow it. */
  findGenerated(tx: Tx, ownerId: string, generated: GeneratedDeck): Promise<DeckEntity | null> {
    return tx.findOneBy(DeckEntity, { ownerId, generated });
  }

  find(id: string): Promise<DeckEntity | null> {
    return this.dataSource.getRepository(DeckEntity).findOneBy({ id });
  }

  lock(tx: Tx, id: string): Promise<DeckEntity | null> {
    return tx.findOne(DeckEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(tx: Tx, deck: DeckEntity): Promise<DeckEntity> {
    return tx.save(deck);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(DeckEntity, { id });
  }

  /** The user's decks by the list query. */
  listOwn(ownerId: string, query: ParsedListQuery): Promise<Page<DeckEntity>> {
    const builder = this.dataSource
      .getRepository(DeckEntity)
      .createQueryBuilder('deck')
      .where('deck.ownerId = :ownerId', { ownerId });
    return findPage(builder, query, DECK_LIST_QUERY.searchable);
  }

  /** Everyone's public decks by the list query. */
  listPublic(query: ParsedListQuery): Promise<Page<DeckEntity>> {
    const builder = this.dataSource
      .getRepository(DeckEntity)
      .createQueryBuilder('deck')
      .where(`deck.sharing = 'public'`);
    return findPage(builder, query, DECK_LIST_QUERY.searchable);
  }
}
