import { dropDatabase } from '@agora/database';
import { eventually, freePort, run, waitForHttp } from '@agora/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const BEGIN = '<!-- recipe:without-docker -->';
const END = '<!-- /recipe:without-docker -->';

/** The bash block between the README's recipe markers. */
function readmeRecipe(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (readme.indexOf(BEGIN) < 0 || !block) {
    throw new Error(`README.md lacks a bash block between ${BEGIN} and ${END}`);
  }
  return block;
}

/**
 * The README's "without Docker" recipe, run as written against a fresh broker and database: build, broker,
 * topics, database, migrations, one process per service. Only the default ports (9092, 3001–3005, metrics 9461–9465) and the
 * database name are swapped for the test's own, so it can run beside anything; MAIL_DIR and MEDIA_DIR keep
 * its files out of the checkout. Then a registration travels auth → Kafka → social.
 */
describe('the README recipe without Docker', () => {
  const adminUrl = inject('testDatabaseUrl');
  const database = `${new URL(adminUrl).pathname.slice(1)}_recipe`;
  const work = path.join(root, '.data', `e2e-recipe-${process.pid}`);
  const kafkaEnv: Record<string, string> = { KAFKA_DATA_DIR: path.join(work, 'kafka') };
  const ports: Record<string, number> = {};
  const metricsPorts: Record<string, number> = {};
  let shell: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    kafkaEnv.KAFKA_CONTROLLER_PORT = String(await freePort());
    const kafkaPort = await freePort();
    for (const port of [3001, 3002, 3003, 3004, 3005]) {
      ports[port] = await freePort();
    }
    for (const port of [9461, 9462, 9463, 9464, 9465]) {
      metricsPorts[port] = await freePort();
    }
    const recipe = readmeRecipe();
    const defaults = [
      '127.0.0.1:9092',
      '5432/agora',
      "'CREATE DATABASE agora'",
      ...Object.keys(ports),
      ...Object.keys(metricsPorts),
    ];
    for (const literal of defaults) {
      expect(recipe, `the recipe no longer mentions ${literal}; update this test's substitutions`).toContain(
        literal,
      );
    }
    let script = recipe
      .replaceAll('127.0.0.1:9092', `127.0.0.1:${kafkaPort}`)
      .replaceAll('5432/agora', `5432/${database}`)
      .replaceAll("'CREATE DATABASE agora'", `'CREATE DATABASE ${database}'`);
    for (const [port, free] of [...Object.entries(ports), ...Object.entries(metricsPorts)]) {
      script = script.replaceAll(new RegExp(`\\b${port}\\b`, 'g'), String(free));
    }
    kafkaEnv.KAFKA_PORT = String(kafkaPort);
    await dropDatabase(adminUrl, database);
    // One process group: the services the recipe starts with `&` stay children of this shell.
    shell = spawn('bash', ['-c', `set -euo pipefail\n${script}\nwait`], {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        ...kafkaEnv,
        MAIL_DIR: path.join(work, 'mail'),
        MEDIA_DIR: path.join(work, 'media'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    shell.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    shell.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      shell?.once('exit', (code) => reject(new Error(`the recipe exited ${code}:\n${output.slice(-6000)}`))),
    );
    const serviceFailed = eventually(
      () => Promise.resolve(/\w+-service failed to start: .*/.exec(output)?.[0]),
      180_000,
      'a failure',
    ).then((failure) => Promise.reject(new Error(`${failure}\n${output.slice(-6000)}`)));
    serviceFailed.catch(() => undefined);
    await Promise.race([
      serviceFailed,
      Promise.all(
        Object.values(ports).map((port) =>
          waitForHttp(`http://127.0.0.1:${port}/health/ready`, 200, 180_000),
        ),
      ),
      exited,
    ]);
  });

  afterAll(async () => {
    // The services, by id (the broker, started with nohup from the same shell, is the recipe's stop line's).
    const kafkaPidFile = path.join(kafkaEnv.KAFKA_DATA_DIR, 'kafka.pid');
    const kafkaPid = existsSync(kafkaPidFile) ? readFileSync(kafkaPidFile, 'utf8').trim() : '';
    if (shell?.pid) {
      const table = await run('ps', ['-e', '-o', 'pid=,pgid=']).catch(() => '');
      const members = table
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([pid, group]) => group === String(shell?.pid) && pid)
        .map(([pid]) => pid);
      for (const pid of members) {
        if (pid !== kafkaPid && pid !== String(process.pid)) {
          try {
            process.kill(Number(pid), 'SIGTERM');
          } catch {
            // already gone
          }
        }
      }
    }
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('`npm run kafka:stop`');
    await run('npm', ['run', 'kafka:stop'], kafkaEnv).catch(() => undefined);
    await eventually(
      () => Promise.resolve(shell?.exitCode !== null || shell.signalCode !== null ? true : undefined),
      20_000,
      'the recipe shell to end',
    ).catch(() => undefined);
    await dropDatabase(adminUrl, database).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs every service; a registration reaches social-service over Kafka and is public once verified', async () => {
    const auth = `http://127.0.0.1:${ports[3001]}`;
    const social = `http://127.0.0.1:${ports[3002]}`;
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const registered = await post(`${auth}/registration`, {
      email: 'recipe@example.com',
      login: 'recipe',
      password: 'correct horse battery',
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    // No SMTP_URL in the recipe: auth logs each mail (and saves it under MAIL_DIR).
    const code = await eventually(
      () =>
        Promise.resolve(/"to":"recipe@example\.com","subject":"Your Agora code: (\d{6})"/.exec(output)?.[1]),
      15_000,
      'the verification mail in the log',
    );
    expect((await post(`${auth}/verification`, { email: 'recipe@example.com', code })).status).toBe(200);
    const profile = await eventually(
      async () => {
        const reply = await fetch(`${social}/profiles/${id}`);
        return reply.status === 200 ? ((await reply.json()) as { login: string }) : undefined;
      },
      30_000,
      'the profile',
    );
    expect(profile.login).toBe('recipe');
    for (const port of Object.values(ports)) {
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    }
    // Each service's Prometheus metrics on the port the recipe gave it.
    for (const port of Object.values(metricsPorts)) {
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('http_requests_total{service=');
    }
  });
});
