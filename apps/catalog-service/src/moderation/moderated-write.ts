import type { AuthenticatedUser } from '@agora/auth';
import type { DraftSubject } from '@agora/contracts';
import type { ExpectedVersions } from '@agora/http';
import type { FastifyReply } from 'fastify';
import { canModerate, type DraftsService } from './drafts.service.js';
import type { DraftDto } from './moderation.dto.js';

/** What an item route needs to either write now or queue a draft. */
export interface ModeratedWrite<T> {
  readonly user: AuthenticatedUser;
  readonly reply: FastifyReply;
  readonly subject: DraftSubject;
  /** The item edited; null for a new one. */
  readonly targetId: string | null;
  readonly dto: object;
  /** If-Match of an edit: a draft too is written only on the version the client read. */
  readonly expected?: ExpectedVersions;
  readonly direct: () => Promise<T>;
}

/** Moderators' and admins' writes happen now; anyone else's become a draft, answered with 202 Accepted. */
export async function writeOrPropose<T>(
  drafts: DraftsService,
  write: ModeratedWrite<T>,
): Promise<T | DraftDto> {
  if (canModerate(write.user)) {
    return write.direct();
  }
  write.reply.status(202);
  return drafts.propose(write.subject, write.targetId, write.dto, write.user, write.expected);
}
