import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { MediaStorage, type StoredFile } from './media-storage.js';

type S3Sdk = typeof import('@aws-sdk/client-s3');

export interface S3StorageOptions {
  readonly bucket: string;
  /** An S3-compatible server (MinIO, S3Proxy); AWS when unset. */
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const notFound = (sdk: S3Sdk, error: unknown): boolean =>
  error instanceof sdk.NoSuchKey ||
  (error instanceof sdk.S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound'));

/**
 * Files in one S3 bucket through the AWS SDK v3, path-style for S3-compatible servers. The SDK is imported by
 * `open()`, so a media-service that keeps files on disk never loads it (tens of MB of resident code).
 */
export class S3Storage extends MediaStorage {
  private loaded?: { sdk: S3Sdk; client: S3Client };

  constructor(private readonly options: S3StorageOptions) {
    super();
  }

  private get s3(): { sdk: S3Sdk; client: S3Client } {
    if (!this.loaded) {
      throw new Error('S3Storage used before open()');
    }
    return this.loaded;
  }

  async open(): Promise<void> {
    const sdk = await import('@aws-sdk/client-s3');
    const { options } = this;
    const client = new sdk.S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where S3 requires them: S3-compatible servers differ in what they verify.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.loaded = { sdk, client };
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      if (!notFound(sdk, error)) {
        throw error;
      }
      await client.send(new sdk.CreateBucketCommand({ Bucket: options.bucket }));
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const { sdk, client } = this.s3;
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<StoredFile | null> {
    const { sdk, client } = this.s3;
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return {
        body: object.Body as Readable,
        contentType: object.ContentType ?? 'application/octet-stream',
        contentLength: object.ContentLength ?? 0,
      };
    } catch (error) {
      if (notFound(sdk, error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = this.s3;
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  close(): void {
    this.loaded?.client.destroy();
  }
}
