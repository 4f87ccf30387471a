import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderOpenApiFiles, REPOSITORY_ROOT } from './openapi-documents.js';

/**
 * `npm run openapi`: writes each service's OpenAPI document and the gateway's merged one to `openapi/`, and
 * the TypeScript client's types to `clients/typescript/src/schema.ts`. `openapi.spec.ts` fails when the
 * committed files differ from what this writes.
 */
for (const [file, text] of await renderOpenApiFiles()) {
  const target = path.join(REPOSITORY_ROOT, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  console.log(`wrote ${file}`);
}
