import type { AuthenticatedUser } from '@agora/auth';
import { foreignKeyViolation, UnitOfWork } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import type { LikeSummaryDto } from '../community/like.dto.js';
import { LikeSummariesRepository } from '../community/like-summaries.repository.js';
import { canModerate } from '../moderation/can-moderate.js';
import { cleanText } from './checkin-input.js';
import type { CheckinCommentEntity } from './checkin-comment.entity.js';
import { CheckinCommentsRepository } from './checkin-comments.repository.js';
import {
  COMMENT_TEXT_MAX,
  type CommentDto,
  type CommentInputDto,
  type CommentPageDto,
} from './checkin.dto.js';
import { checkinNotFound, CheckinsService } from './checkins.service.js';

const toCommentDto = (comment: CheckinCommentEntity, likes: LikeSummaryDto): CommentDto => ({
  id: comment.id,
  version: comment.version,
  checkinId: comment.checkinId,
  authorId: comment.authorId,
  text: comment.text,
  likes,
  createdAt: comment.createdAt.toISOString(),
});

/** Comments under check-ins: anyone signed in writes, its author or a moderator deletes. */
@Injectable()
export class CheckinCommentsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly comments: CheckinCommentsRepository,
    private readonly checkins: CheckinsService,
    private readonly likes: LikeSummariesRepository,
  ) {}

  async list(checkinId: string, query: ParsedListQuery, viewer?: AuthenticatedUser): Promise<CommentPageDto> {
    if (!(await this.checkins.exists(checkinId))) {
      throw checkinNotFound(checkinId);
    }
    const page = await this.comments.page(checkinId, query);
    const likes = await this.likes.of(
      page.items.map((comment) => comment.id),
      viewer?.id,
    );
    return mapPage(page, (comment) => toCommentDto(comment, likes(comment.id)));
  }

  async create(author: AuthenticatedUser, checkinId: string, dto: CommentInputDto): Promise<CommentDto> {
    const text = cleanText(dto.text, COMMENT_TEXT_MAX, 'text');
    try {
      return await this.unitOfWork.run(async (tx) => {
        if (!(await this.checkins.exists(checkinId, tx))) {
          throw checkinNotFound(checkinId);
        }
        // The foreign key holds the check-in until the comment is in; one deleted meanwhile is a 404.
        const comment = this.comments.build(tx, { checkinId, authorId: author.id, text, version: 1 });
        return toCommentDto(await this.comments.save(tx, comment), { count: 0, likedByMe: false });
      });
    } catch (error) {
      if (foreignKeyViolation(error)) {
        throw checkinNotFound(checkinId);
      }
      throw error;
    }
  }

  async delete(user: AuthenticatedUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const comment = await this.comments.lock(tx, id);
      if (!comment) {
        throw new CatalogException(CatalogErrorCode.COMMENT_NOT_FOUND, `No comment ${id}`);
      }
      if (comment.authorId !== user.id && !canModerate(user)) {
        throw new CatalogException(
          CatalogErrorCode.NOT_YOUR_COMMENT,
          'Only its author or a moderator deletes a comment',
        );
      }
      await this.comments.remove(tx, id);
    });
  }
}
