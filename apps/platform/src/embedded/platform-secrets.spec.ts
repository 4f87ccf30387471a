import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './platform-secrets.js';

describe('loadOrCreateSecrets', () => {
  let dataDir: string;
  const file = (): string => path.join(dataDir, 'secrets.json');

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'agora-secrets-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the secrets once and reads the same ones on the next start', () => {
    const first = loadOrCreateSecrets(dataDir, ['auth', 'catalog']);
    expect(first.superuserPassword).toMatch(/^[\w-]{24}$/);
    expect(Object.keys(first.rolePasswords)).toEqual(['auth', 'catalog']);
    expect(loadOrCreateSecrets(dataDir, ['auth', 'catalog'])).toEqual(first);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
  });

  it('leaves the file untouched when nothing is missing, so a reader beside it never finds it emptied', () => {
    loadOrCreateSecrets(dataDir, ['auth']);
    const { ino, mtimeMs } = statSync(file());
    loadOrCreateSecrets(dataDir, ['auth']);
    expect(statSync(file())).toMatchObject({ ino, mtimeMs });
  });

  it('adds a password for a new schema without changing the ones kept, replacing the file whole', () => {
    const first = loadOrCreateSecrets(dataDir, ['auth']);
    const inode = statSync(file()).ino;
    const second = loadOrCreateSecrets(dataDir, ['auth', 'order']);
    expect(second.rolePasswords.auth).toBe(first.rolePasswords.auth);
    expect(second.rolePasswords.order).toMatch(/^[\w-]{24}$/);
    expect(second.superuserPassword).toBe(first.superuserPassword);
    expect(statSync(file()).ino).not.toBe(inode);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual(second);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
  });
});
