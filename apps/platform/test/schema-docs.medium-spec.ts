import { SERVICE_NAMES } from '@agora/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SCHEMA_DOCS_COMMAND } from '../src/schema-docs/render.js';
import { generateSchemaDocs, SCHEMA_DOCS_DIR } from '../src/schema-docs/schema-docs.js';

const root = path.resolve(import.meta.dirname, '../../..');

/** docs/schema is what `npm run docs:schema` writes from the migrations as they are now. */
describe('database diagrams', () => {
  it('docs/schema matches a freshly migrated database, one diagram per schema, linked from the README', async () => {
    const admin = new URL(inject('testDatabaseUrl'));
    admin.pathname = '/postgres';
    const generated = await generateSchemaDocs(admin.toString());
    const dir = path.join(root, SCHEMA_DOCS_DIR);
    expect([...generated.keys()].sort()).toEqual(
      ['README.md', ...SERVICE_NAMES.map((name) => `${name}.md`)].sort(),
    );
    const committed = existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith('.md'))
          .sort()
      : [];
    expect(committed, `docs/schema has other files than it generates: run ${SCHEMA_DOCS_COMMAND}`).toEqual(
      [...generated.keys()].sort(),
    );
    for (const [file, text] of generated) {
      expect(
        readFileSync(path.join(dir, file), 'utf8'),
        `${SCHEMA_DOCS_DIR}/${file} is stale: run ${SCHEMA_DOCS_COMMAND}`,
      ).toBe(text);
    }
    // Tables only migrations create are drawn too, with their keys.
    const catalog = generated.get('catalog.md') ?? '';
    expect(catalog).toMatch(/\n {2}search_documents \{\n/);
    expect(catalog).toMatch(/\n {2}outbox \{\n/);
    expect(catalog).toMatch(/uuid id PK\n/);
    expect(catalog).toMatch(/\n {2}\w+ \|[|o]--o[{|] \w+ : "/);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const name of SERVICE_NAMES) {
      expect(readme, `README links docs/schema/${name}.md`).toContain(`](docs/schema/${name}.md)`);
    }
  });
});
