import { MediaUploadedV1Schema, type MediaUploadedV1 } from '../events/topics.js';
import { object } from '../events/schema.js';

/**
 * media-service's record of one stored media, for catalog-service and social-service to learn a media whose
 * `media.media.uploaded.v1` has not reached them yet (a client attaching a photo right after uploading it):
 * `GET <MEDIA_URL>/internal/media/:id` answers that event's payload for a stored media, 404 for one that is
 * not stored (never uploaded, or deleted). Service to service only: the gateway does not route `/internal`.
 */
export const MEDIA_RECORD_PATH = '/internal/media';

/** The record: exactly the payload of `media.media.uploaded.v1`, applied by the same code as the event. */
export type MediaRecordV1 = MediaUploadedV1;

/** What is wrong with a media record (empty when it fits). */
export function mediaRecordProblems(record: unknown): string[] {
  const problems: string[] = [];
  object(MediaUploadedV1Schema).check(record, 'record', problems);
  return problems;
}
