import type { DraftSubject } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import type { ItemEditor } from './item-editor.js';

/** The editor of every kind of item; each item module registers its own, so moderation depends on none. */
@Injectable()
export class ItemEditors {
  private readonly editors = new Map<DraftSubject, ItemEditor>();

  register(editor: ItemEditor): void {
    if (this.editors.has(editor.subject)) {
      throw new Error(`Two editors for ${editor.subject}`);
    }
    this.editors.set(editor.subject, editor);
  }

  get(subject: DraftSubject): ItemEditor {
    const editor = this.editors.get(subject);
    if (!editor) {
      throw new Error(`No editor registered for ${subject}`);
    }
    return editor;
  }
}
