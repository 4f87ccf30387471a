import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext, ItemEditor, ItemSnapshot } from '../moderation/item-editor.js';
import { ItemEditors } from '../moderation/item-editors.js';
import { CoffeeInputDto, PatchCoffeeDto } from './coffee.dto.js';
import { CoffeesService } from './coffees.service.js';

const DICTIONARY_FIELDS = ['roasterId', 'originId', 'farmerId', 'processId'] as const;

/** Coffee drafts: users propose cards and edits, approval writes them through CoffeesService. */
@Injectable()
export class CoffeeEditor implements ItemEditor, OnModuleInit {
  readonly subject = 'coffee' as const;
  readonly createInput = CoffeeInputDto;
  readonly updateInput = PatchCoffeeDto;

  constructor(
    private readonly editors: ItemEditors,
    private readonly coffees: CoffeesService,
  ) {}

  onModuleInit(): void {
    this.editors.register(this);
  }

  snapshot(manager: EntityManager, id: string): Promise<ItemSnapshot | null> {
    return this.coffees.snapshot(manager, id);
  }

  apply(
    manager: EntityManager,
    targetId: string | null,
    payload: FieldValues,
    context: ChangeContext,
  ): Promise<string> {
    return targetId === null
      ? this.coffees.createIn(manager, payload as unknown as CoffeeInputDto, context)
      : this.coffees.updateIn(manager, targetId, payload, false, context);
  }

  references(payload: FieldValues): string[] {
    return DICTIONARY_FIELDS.map((field) => payload[field]).filter(
      (value): value is string => typeof value === 'string',
    );
  }
}
