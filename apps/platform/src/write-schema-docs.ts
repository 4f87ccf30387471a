// `npm run docs:schema`: migrates a throwaway database on DATABASE_ADMIN_URL's cluster (default: the machine's
// PostgreSQL as the tests use it, postgres://postgres@127.0.0.1:5432/postgres), reads each service's schema
// from PostgreSQL's catalog and writes docs/schema/<service>.md (Mermaid ER diagrams) and docs/schema/README.md.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSchemaDocs, SCHEMA_DOCS_DIR } from './schema-docs/schema-docs.js';
import { ThrowawayDatabaseConfig } from './throwaway-database.config.js';

const root = path.resolve(import.meta.dirname, '../../../..');

try {
  const { DATABASE_ADMIN_URL } = loadConfig(ThrowawayDatabaseConfig, processEnvironment());
  const files = await generateSchemaDocs(DATABASE_ADMIN_URL);
  const dir = path.join(root, SCHEMA_DOCS_DIR);
  mkdirSync(dir, { recursive: true });
  for (const stale of readdirSync(dir).filter((file) => file.endsWith('.md') && !files.has(file))) {
    rmSync(path.join(dir, stale));
  }
  for (const [file, text] of files) {
    writeFileSync(path.join(dir, file), text);
  }
  console.log(
    `docs:schema wrote ${[...files.keys()].map((file) => `${SCHEMA_DOCS_DIR}/${file}`).join(', ')}`,
  );
} catch (error) {
  console.error(`docs:schema failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
