import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';

const logger = pino({ level: 'silent' });
const directories: string[] = [];

async function mailDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agora-mail-'));
  directories.push(directory);
  return path.join(directory, 'mail');
}

afterEach(async () => {
  for (const directory of directories.splice(0)) {
    await rm(directory, { recursive: true, force: true });
  }
});

describe('createMailer without SMTP', () => {
  it('loads its transport with the first message and saves every message as .eml', async () => {
    const directory = await mailDirectory();
    const mailer = createMailer({ from: 'Agora <no-reply@agora.test>', directory }, logger);
    await mailer.send({ to: 'ann@example.test', subject: 'First', text: 'one' });
    await mailer.send({ to: 'bob@example.test', subject: 'Second', text: 'two' });
    mailer.close();

    const files = (await readdir(directory)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    const saved = await Promise.all(files.map((file) => readFile(path.join(directory, file), 'utf8')));
    expect(saved.some((eml) => eml.includes('Subject: First') && eml.includes('To: ann@example.test'))).toBe(
      true,
    );
    expect(saved.some((eml) => eml.includes('Subject: Second') && eml.includes('To: bob@example.test'))).toBe(
      true,
    );
  });

  it('closes without having sent anything', async () => {
    const directory = await mailDirectory();
    const mailer = createMailer({ from: 'no-reply@agora.test', directory }, logger);
    expect(() => mailer.close()).not.toThrow();
    await expect(readdir(directory)).rejects.toThrow(/ENOENT/);
  });
});
