import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import type { AchievementEntity } from './achievement.entity.js';
import {
  ACHIEVEMENT_KINDS,
  SHARE_VISIBILITIES,
  type AchievementKind,
  type ShareVisibility,
} from './achievement.types.js';

/** Newest first; `filter[kind]=habit-streak` by kind. */
export const ACHIEVEMENT_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', kind: 'string' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};

export class AchievementDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ACHIEVEMENT_KINDS })
  kind!: AchievementKind;

  @ApiProperty({ format: 'uuid', description: 'The task, habit or deck it is about' })
  subjectId!: string;

  @ApiProperty({ type: 'integer', description: "The streak's days, the deck's cards, 1 for a task" })
  milestone!: number;

  @ApiProperty({ description: "The subject's title when it was achieved" })
  title!: string;

  @ApiProperty({ enum: SHARE_VISIBILITIES, description: '`private`: seen by its user only, never posted' })
  visibility!: ShareVisibility;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The feed post sharing it; null when private',
  })
  postId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const AchievementPageDto = PageOf(AchievementDto);
export type AchievementPageDto = Page<AchievementDto>;

export function toAchievementDto(achievement: AchievementEntity): AchievementDto {
  return {
    id: achievement.id,
    kind: achievement.kind,
    subjectId: achievement.subjectId,
    milestone: achievement.milestone,
    title: achievement.title,
    visibility: achievement.visibility,
    postId: achievement.postId,
    createdAt: achievement.createdAt.toISOString(),
  };
}
