import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase } from '@agora/database';

/** Superuser URL of the machine's PostgreSQL (trust auth); TEST_POSTGRES_URL overrides it. */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

/** A fresh database per test run, dropped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `agora_test_${project.name}_${Date.now()}_${process.pid}`;
  await ensureDatabase(ADMIN_URL, name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  project.provide('testDatabaseUrl', url.toString());
  return async () => {
    await dropDatabase(ADMIN_URL, name);
  };
}
