import { uniqueViolation } from '@agora/database';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext, ItemEditor, ItemSnapshot } from '../moderation/item-editor.js';
import { invalidInput } from '../items/item-problems.js';
import { ItemEditors } from '../moderation/item-editors.js';
import { dictionaryValueTaken } from './dictionaries.service.js';
import type { DictionaryValueEntity } from './dictionary-value.entity.js';
import { DictionaryValuesRepository } from './dictionary-values.repository.js';
import { ProposeDictionaryValueDto } from './dictionary.dto.js';
import { CatalogErrorCode } from '../catalog.errors.js';

/**
 * New dictionary values proposed by users: the proposal reserves the name as a pending value (usable in
 * the author's own drafts), approval makes it a value like any other, rejection drops it.
 */
@Injectable()
export class DictionaryValueEditor implements ItemEditor, OnModuleInit {
  readonly subject = 'dictionary-value' as const;
  readonly createInput = ProposeDictionaryValueDto;
  readonly updateInput = ProposeDictionaryValueDto;

  constructor(
    private readonly editors: ItemEditors,
    private readonly values: DictionaryValuesRepository,
  ) {}

  onModuleInit(): void {
    this.editors.register(this);
  }

  async prepare(manager: EntityManager, payload: FieldValues, authorId: string): Promise<string> {
    const proposal = payload as unknown as ProposeDictionaryValueDto;
    const value = this.values.build(manager, {
      kind: proposal.kind,
      name: proposal.name,
      countryCode: proposal.countryCode ?? null,
      status: 'pending',
      proposedBy: authorId,
    });
    await this.save(manager, value);
    return value.id;
  }

  async apply(
    manager: EntityManager,
    targetId: string | null,
    payload: FieldValues,
    context: ChangeContext,
  ): Promise<string> {
    const value = targetId === null ? null : await this.values.lockPending(manager, targetId);
    if (!value) {
      throw invalidInput(
        context,
        CatalogErrorCode.UNKNOWN_DICTIONARY_VALUE,
        'The proposed dictionary value no longer exists',
      );
    }
    const proposal = payload as unknown as ProposeDictionaryValueDto;
    value.kind = proposal.kind;
    value.name = proposal.name;
    value.countryCode = proposal.countryCode ?? null;
    value.status = 'approved';
    await this.save(manager, value);
    return value.id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.values.findAny(this.values.reader, id)) !== null;
  }

  async snapshot(manager: EntityManager, id: string): Promise<ItemSnapshot | null> {
    const value = await this.values.findAny(manager, id);
    return value?.status === 'approved'
      ? { version: 1, fields: { kind: value.kind, name: value.name, countryCode: value.countryCode } }
      : null;
  }

  referencedValues(): string[] {
    return [];
  }

  async discard(manager: EntityManager, targetId: string | null): Promise<void> {
    if (targetId !== null) {
      await this.values.removePending(manager, targetId);
    }
  }

  private async save(manager: EntityManager, value: DictionaryValueEntity): Promise<void> {
    try {
      await this.values.save(manager, value);
    } catch (error) {
      throw uniqueViolation(error) ? dictionaryValueTaken(value.kind, value.name) : error;
    }
  }
}
