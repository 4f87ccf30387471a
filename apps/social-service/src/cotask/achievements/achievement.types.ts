/**
 * CoTask's achievements (issue 19): what the task, habit and card blocks tell the social network. Each is
 * recorded once per user, kind, subject and milestone; shared to the feed as an activity post unless its
 * visibility is `private` (then only the user sees it, in their productivity profile).
 */
export const ACHIEVEMENT_KINDS = ['task-completed', 'habit-streak', 'deck-mastered'] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

/** Who sees a shared achievement: like a post (`public`, `followers`), or nobody but its user (`private`). */
export const SHARE_VISIBILITIES = ['public', 'followers', 'private'] as const;
export type ShareVisibility = (typeof SHARE_VISIBILITIES)[number];

export interface AchievementDraft {
  readonly userId: string;
  readonly kind: AchievementKind;
  /** The task, habit or deck it is about. */
  readonly subjectId: string;
  /** The streak's length in days, the deck's cards mastered, 1 for a completed task. */
  readonly milestone: number;
  /** The subject's title, as its owner chose to share it (sanitized by the caller). */
  readonly title: string;
  readonly visibility: ShareVisibility;
}
