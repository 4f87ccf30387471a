import { MEDIA_RECORD_PATH, mediaRecordProblems, type MediaRecordV1 } from '@agora/contracts';
import { propagationHeaders } from '@agora/logging';

/** Short: the caller is answering a client's request and falls back to what it knows. */
const TIMEOUT_MS = 3_000;

/**
 * media-service's record of a media (`GET <baseUrl>/internal/media/:id`, at media-service's own address, never
 * through the gateway); null when media-service stores no such media. Rejects when media-service cannot be
 * reached in time, answers another error status, or a record that does not fit the contract.
 */
export async function fetchMediaRecord(baseUrl: string, id: string): Promise<MediaRecordV1 | null> {
  const url = new URL(`${MEDIA_RECORD_PATH}/${encodeURIComponent(id)}`, baseUrl);
  const response = await fetch(url, {
    headers: propagationHeaders(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`media-service's media record answered ${response.status} at ${url.pathname}`);
  }
  const record: unknown = await response.json();
  const problems = mediaRecordProblems(record);
  if (problems.length > 0) {
    throw new Error(`media-service's media record does not fit its contract: ${problems.join('; ')}`);
  }
  return record as MediaRecordV1;
}

/** A service's copy of media-service's media, as its `media.media.uploaded.v1` consumer keeps it. */
export interface MediaCopy {
  /** The ids among these the copy holds no row for. */
  missing(ids: readonly string[]): Promise<string[]>;
  /** Applies a record with the same code as the consumer applies the event (idempotent: the event may follow). */
  apply(record: MediaRecordV1): Promise<void>;
}

/**
 * Read-through on a miss: each media among `ids` the copy does not know yet (its event has not arrived) is read
 * from media-service at `baseUrl`, all at once (a post's ten photos wait for one round trip, not ten), and the
 * records are applied one after the other (one transaction at a time from the caller's pool). One media-service
 * does not store stays unknown, and so does one it cannot answer for (`unreachable` hears why): the caller
 * refuses it as it would have without this.
 */
export async function readMediaThrough(
  baseUrl: string,
  copy: MediaCopy,
  ids: readonly string[],
  unreachable: (id: string, error: unknown) => void,
): Promise<void> {
  const missing = await copy.missing([...new Set(ids)]);
  const records = await Promise.all(
    missing.map((id) =>
      fetchMediaRecord(baseUrl, id).catch((error: unknown) => {
        unreachable(id, error);
        return null;
      }),
    ),
  );
  for (const record of records) {
    if (record) {
      await copy.apply(record);
    }
  }
}
