import { queryRows } from '@agora/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, guardPoolClients } from '../src/index.js';

describe('guardPoolClients on real PostgreSQL', () => {
  const adminUrl = inject('testDatabaseUrl');
  let dataSource: DataSource;
  const lost: Error[] = [];

  beforeAll(async () => {
    dataSource = createServiceDataSource({
      url: adminUrl,
      schema: 'public',
      entities: [],
      migrations: [],
      applicationName: 'pool-guard-medium',
    });
    await dataSource.initialize();
    guardPoolClients(dataSource, (error) => lost.push(error));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('survives a lent-out connection the server terminates between two statements, and goes on', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    // As a failover or `pg_terminate_backend` does, while the transaction waits between statements. Without a
    // listener on the lent-out client, node-postgres's `error` event would end the process (vitest fails the run).
    await queryRows(adminUrl, 'SELECT pg_terminate_backend($1)', [pid]);
    await sleep(200);
    expect(lost.map((error) => error.message).join()).toContain('terminating connection');
    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await runner.release();
    // The pool dropped the dead client; the next caller gets a live one.
    await expect(dataSource.query<{ one: number }[]>('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
