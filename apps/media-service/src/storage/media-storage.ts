import type { Readable } from 'node:stream';

/** A stored file, streamed back. */
export interface StoredFile {
  readonly body: Readable;
  readonly contentType: string;
  readonly contentLength: number;
}

/** Where media files live: S3 (MinIO in compose) in production, the local disk in the embedded mode. */
export abstract class MediaStorage {
  /** Prepares the store (creates the bucket or folder); called once at start-up. */
  abstract open(): Promise<void>;
  abstract put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file, or null when there is none under the key. */
  abstract get(key: string): Promise<StoredFile | null>;
  /** Removes the file; a missing one is not an error. */
  abstract delete(key: string): Promise<void>;
}
