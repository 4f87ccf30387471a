import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MediaStorage, type StoredFile } from './media-storage.js';

const KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

/** Files under a folder, content types kept in a sidecar `.type` file. Keys are ours, never a client's. */
export class DiskStorage extends MediaStorage {
  constructor(private readonly root: string) {
    super();
  }

  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    await writeFile(`${file}.type`, contentType);
  }

  async get(key: string): Promise<StoredFile | null> {
    const file = this.pathOf(key);
    try {
      const { size } = await stat(file);
      const contentType = (await readFile(`${file}.type`, 'utf8')).trim();
      return { body: createReadStream(file), contentType, contentLength: size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  /** Removes the file and, once it holds nothing more, its folder (a media's variants share one). */
  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rm(`${file}.type`, { force: true });
    await rmdir(path.dirname(file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'ENOENT' && error.code !== 'EEXIST') {
        throw error;
      }
    });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.includes('..')) {
      throw new Error(`Invalid storage key ${key}`);
    }
    return path.join(this.root, key);
  }
}
