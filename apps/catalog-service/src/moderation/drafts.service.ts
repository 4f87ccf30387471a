import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type DraftReviewedV1, type DraftSubject } from '@agora/contracts';
import { foreignKeyViolation, OutboxWriter } from '@agora/database';
import { assertVersionMatches, createValidationPipe, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '@agora/database';
import { canModerate } from './can-moderate.js';
import { DraftsRepository } from './drafts.repository.js';
import { DraftEntity, OPEN_DRAFT_STATUSES, type FieldValues } from './draft.entity.js';
import { diffDraft } from './field-diff.js';
import type { ItemEditor, ItemSnapshot } from './item-editor.js';
import { ItemEditors } from './item-editors.js';
import {
  toDraftDto,
  type ApproveDraftDto,
  type DraftDetailDto,
  type DraftDto,
  type DraftPageDto,
  type RejectDraftDto,
} from './moderation.dto.js';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';

/** A validated DTO as the plain fields a draft stores (fields left out stay out). */
const toFieldValues = (dto: object): FieldValues => JSON.parse(JSON.stringify(dto)) as FieldValues;

const draftNotFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.DRAFT_NOT_FOUND, `No draft ${id}`);

const notOpen = (draft: DraftEntity, allowed: string): CatalogException =>
  new CatalogException(
    CatalogErrorCode.DRAFT_NOT_OPEN,
    `The draft is ${draft.status}; only a ${allowed} draft can be changed this way`,
  );

/**
 * The moderation flow (seeds 000, 002): proposals are checked by a trial run of the change they
 * propose, queued, diffed against the current item, and approved in one transaction through the same
 * write path a moderator's direct edit takes; rejections carry the moderator's message to the author.
 */
@Injectable()
export class DraftsService {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly drafts: DraftsRepository,
    private readonly editors: ItemEditors,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A new item (`targetId` null) or an edit of one, proposed by a user who cannot edit directly. */
  propose(
    author: AuthenticatedUser,
    subject: DraftSubject,
    targetId: string | null,
    dto: object,
    expected?: ExpectedVersions,
  ): Promise<DraftDto> {
    return this.unitOfWork.run((manager) =>
      this.proposeIn(manager, author, subject, targetId, dto, expected),
    );
  }

  /** {@link propose} within the caller's transaction (the importer records its fingerprint in the same one). */
  async proposeIn(
    manager: EntityManager,
    author: Pick<AuthenticatedUser, 'id'>,
    subject: DraftSubject,
    targetId: string | null,
    dto: object,
    expected?: ExpectedVersions,
  ): Promise<DraftDto> {
    const editor = this.editors.get(subject);
    const payload = toFieldValues(dto);
    const base = targetId === null ? null : await this.requireItem(manager, editor, targetId);
    if (base) {
      assertVersionMatches(expected, base.version);
    }
    const target = editor.prepare ? await editor.prepare(manager, payload, author.id) : targetId;
    await this.tryOut(manager, editor, target, payload, author.id);
    const draft = this.drafts.build(manager, {
      subject,
      action: targetId === null ? 'create' : 'update',
      targetId: target,
      payload,
      base: base?.fields ?? null,
      baseVersion: base?.version ?? null,
      status: 'pending',
      message: null,
      authorId: author.id,
      reviewerId: null,
      reviewedAt: null,
    });
    return toDraftDto(await this.drafts.save(manager, draft));
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<DraftPageDto> {
    return mapPage(await this.drafts.page(query, canModerate(user) ? undefined : user.id), toDraftDto);
  }

  async get(user: AuthenticatedUser, id: string): Promise<DraftDetailDto> {
    const draft = await this.drafts.find(id);
    if (!draft || (!canModerate(user) && draft.authorId !== user.id)) {
      throw draftNotFound(id);
    }
    return this.unitOfWork.run((tx) => this.detail(tx, draft));
  }

  /** The author rewrites an open draft; it goes back to the queue, based on the item as it is now. */
  async revise(author: AuthenticatedUser, id: string, payload: FieldValues): Promise<DraftDetailDto> {
    return this.unitOfWork.run(async (manager) => {
      const draft = await this.lockOwn(manager, id, author);
      const editor = this.editors.get(draft.subject);
      const input = draft.action === 'create' ? editor.createInput : editor.updateInput;
      const revised = toFieldValues(
        (await this.validation.transform(payload, { type: 'body', metatype: input })) as object,
      );
      if (draft.action === 'update' && draft.targetId !== null) {
        const base = await this.requireItem(manager, editor, draft.targetId);
        draft.base = base.fields;
        draft.baseVersion = base.version;
      }
      await this.tryOut(manager, editor, draft.targetId, revised, author.id);
      draft.payload = revised;
      draft.status = 'pending';
      return this.detail(manager, await this.drafts.save(manager, draft));
    });
  }

  async withdraw(author: AuthenticatedUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const draft = await this.lockOwn(manager, id, author);
      draft.status = 'withdrawn';
      await this.drafts.save(manager, draft);
      await this.editors.get(draft.subject).discard?.(manager, draft.targetId);
    });
  }

  /** Applies the draft and the pending dictionary values it uses, all in one transaction, or nothing. */
  approve(reviewer: AuthenticatedUser, id: string, dto: ApproveDraftDto): Promise<DraftDetailDto> {
    return this.unitOfWork.run(async (manager) => {
      const draft = await this.lockPending(manager, id);
      await this.approveWithin(manager, draft, reviewer, dto);
      return this.detail(manager, draft);
    });
  }

  reject(reviewer: AuthenticatedUser, id: string, dto: RejectDraftDto): Promise<DraftDetailDto> {
    return this.unitOfWork.run(async (manager) => {
      const draft = await this.lockPending(manager, id);
      const returned = dto.returnForChanges === true;
      draft.status = returned ? 'changes-requested' : 'rejected';
      this.review(draft, reviewer, dto.message);
      await this.drafts.save(manager, draft);
      if (!returned) {
        await this.editors.get(draft.subject).discard?.(manager, draft.targetId);
      }
      await this.outbox.add(
        manager,
        Topics.CatalogDraftRejected,
        draft.id,
        this.reviewed(draft, reviewer, returned ? 'changes-requested' : 'rejected'),
      );
      return this.detail(manager, draft);
    });
  }

  private async approveWithin(
    manager: EntityManager,
    draft: DraftEntity,
    reviewer: AuthenticatedUser,
    dto: ApproveDraftDto,
  ): Promise<void> {
    const editor = this.editors.get(draft.subject);
    if (draft.action === 'update' && draft.targetId !== null) {
      await this.refuseConflicts(manager, editor, draft, dto.overrideConflict === true);
    }
    // Dictionary values the author proposed for this draft are approved with it.
    const references = editor.referencedValues(draft.payload);
    const valueDrafts = await this.drafts.lockOpenValueProposals(manager, references, draft.authorId);
    for (const valueDraft of valueDrafts) {
      await this.approveWithin(manager, valueDraft, reviewer, {});
    }
    try {
      draft.targetId = await editor.apply(manager, draft.targetId, draft.payload, {
        authorId: draft.authorId,
        reviewerId: reviewer.id,
        draftId: draft.id,
        pendingValuesOf: null,
        trial: false,
      });
    } catch (error) {
      // The draft was valid when written; a value it refers to was deleted since (the write path itself
      // answers DRAFT_NO_LONGER_APPLIES for input that no longer holds during an approval).
      if (foreignKeyViolation(error)) {
        throw new CatalogException(
          CatalogErrorCode.DRAFT_NO_LONGER_APPLIES,
          'A value this draft refers to was deleted meanwhile',
        );
      }
      throw error;
    }
    draft.status = 'approved';
    this.review(draft, reviewer, dto.message ?? null);
    await this.drafts.save(manager, draft);
    await this.outbox.add(
      manager,
      Topics.CatalogDraftApproved,
      draft.id,
      this.reviewed(draft, reviewer, 'approved'),
    );
  }

  private async refuseConflicts(
    manager: EntityManager,
    editor: ItemEditor,
    draft: DraftEntity,
    override: boolean,
  ): Promise<void> {
    // Under the item's row lock: a second approval racing this one waits, then sees this one's change.
    const current = await editor.snapshot(manager, draft.targetId ?? '', true);
    if (!current) {
      throw new CatalogException(
        CatalogErrorCode.DRAFT_CONFLICT,
        'The item this draft edits has been deleted',
      );
    }
    const conflicts = diffDraft(draft.payload, draft.base, current.fields).filter(
      (change) => change.conflict,
    );
    if (conflicts.length > 0 && !override) {
      throw new CatalogException(
        CatalogErrorCode.DRAFT_CONFLICT,
        'Fields this draft changes were changed by someone else since it was written; ' +
          'approve with overrideConflict, or return the draft for changes',
        {
          errors: conflicts.map((change) => ({
            field: change.field,
            messages: ['changed since the draft was written'],
          })),
        },
      );
    }
  }

  /**
   * Checks the proposed change the way approval would, writing the row (unique keys are checked) but no
   * history, search document or event, and undoes it: a draft is valid when queued.
   */
  private async tryOut(
    manager: EntityManager,
    editor: ItemEditor,
    targetId: string | null,
    payload: FieldValues,
    authorId: string,
  ): Promise<void> {
    await this.drafts.rolledBack(manager, async () => {
      await editor.apply(manager, targetId, payload, {
        authorId,
        reviewerId: null,
        draftId: null,
        pendingValuesOf: authorId,
        trial: true,
      });
    });
  }

  private async detail(manager: EntityManager, draft: DraftEntity): Promise<DraftDetailDto> {
    const isEdit = draft.action === 'update' && draft.targetId !== null;
    const current = isEdit
      ? await this.editors.get(draft.subject).snapshot(manager, draft.targetId ?? '')
      : null;
    const open = OPEN_DRAFT_STATUSES.includes(draft.status);
    return {
      ...toDraftDto(draft),
      currentVersion: current?.version ?? null,
      conflict: isEdit && open && current?.version !== draft.baseVersion,
      changes: diffDraft(draft.payload, draft.base, open ? (current?.fields ?? null) : draft.base),
    };
  }

  private async requireItem(manager: EntityManager, editor: ItemEditor, id: string): Promise<ItemSnapshot> {
    const snapshot = await editor.snapshot(manager, id);
    if (!snapshot) {
      throw editor.subject === 'dictionary-value'
        ? new CatalogException(CatalogErrorCode.DICTIONARY_VALUE_NOT_FOUND, `No pending value ${id}`)
        : itemNotFound(editor.subject, id);
    }
    return snapshot;
  }

  private async lock(manager: EntityManager, id: string): Promise<DraftEntity> {
    const draft = await this.drafts.lock(manager, id);
    if (!draft) {
      throw draftNotFound(id);
    }
    return draft;
  }

  private async lockPending(manager: EntityManager, id: string): Promise<DraftEntity> {
    const draft = await this.lock(manager, id);
    if (draft.status !== 'pending') {
      throw notOpen(draft, 'pending');
    }
    return draft;
  }

  /** The author's own open draft; someone else's is not found. */
  private async lockOwn(manager: EntityManager, id: string, author: AuthenticatedUser): Promise<DraftEntity> {
    const draft = await this.lock(manager, id);
    if (draft.authorId !== author.id) {
      throw draftNotFound(id);
    }
    if (!OPEN_DRAFT_STATUSES.includes(draft.status)) {
      throw notOpen(draft, 'pending or changes-requested');
    }
    return draft;
  }

  private review(draft: DraftEntity, reviewer: AuthenticatedUser, message: string | null): void {
    draft.reviewerId = reviewer.id;
    draft.reviewedAt = new Date();
    draft.message = message;
  }

  private reviewed(
    draft: DraftEntity,
    reviewer: AuthenticatedUser,
    decision: DraftReviewedV1['decision'],
  ): DraftReviewedV1 {
    return {
      draftId: draft.id,
      subject: draft.subject,
      itemId: draft.targetId,
      authorId: draft.authorId,
      reviewerId: reviewer.id,
      decision,
      message: draft.message,
      reviewedAt: (draft.reviewedAt ?? new Date()).toISOString(),
    };
  }
}
