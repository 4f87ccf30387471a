import type { AuthenticatedUser } from '@agora/auth';
import type { DraftSubject } from '@agora/contracts';
import type { ExpectedVersions } from '@agora/http';
import { canModerate } from './can-moderate.js';
import type { DraftsService } from './drafts.service.js';
import type { DraftDto } from './moderation.dto.js';

/** What an item route needs to either write now or queue a draft. */
export interface ModeratedWrite<T> {
  readonly subject: DraftSubject;
  /** The item edited; null for a new one. */
  readonly targetId: string | null;
  readonly dto: object;
  /** If-Match of an edit: a draft too is written only on the version the client read. */
  readonly expected?: ExpectedVersions;
  readonly direct: () => Promise<T>;
}

/** A write done now, or proposed as a draft: the route answers 200/201 or 202 Accepted. */
export type ModeratedResult<T> =
  { readonly proposed: false; readonly value: T } | { readonly proposed: true; readonly value: DraftDto };

/** Moderators' and admins' writes happen now; anyone else's become a draft in the moderation queue. */
export async function writeOrPropose<T>(
  user: AuthenticatedUser,
  drafts: DraftsService,
  write: ModeratedWrite<T>,
): Promise<ModeratedResult<T>> {
  if (canModerate(user)) {
    return { proposed: false, value: await write.direct() };
  }
  const draft = await drafts.propose(user, write.subject, write.targetId, write.dto, write.expected);
  return { proposed: true, value: draft };
}
