// Compiles apps/, libs/ and bench/ to dist/ with SWC (decorator metadata on, ES modules out) and rewrites
// the @agora/<lib> aliases to relative paths, so `node dist/apps/<app>/main.js` runs as is.
// Type checking is `npm run typecheck` (tsc --noEmit); this step only transpiles, in about a second.
import { transformFile } from '@swc/core';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'bench'];
const isSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') {
        yield* walk(full);
      }
    } else if (isSource(entry.name)) {
      yield full;
    }
  }
}

function rewriteAliases(code, outFile) {
  return code.replace(/(["'])@agora\/([a-z-]+)\1/g, (_match, quote, lib) => {
    let target = path.relative(path.dirname(outFile), path.join(outDir, 'libs', lib, 'src', 'index.js'));
    if (!target.startsWith('.')) {
      target = `./${target}`;
    }
    return `${quote}${target.split(path.sep).join('/')}${quote}`;
  });
}

async function compile(file) {
  const relative = path.relative(root, file);
  const outFile = path.join(outDir, relative.replace(/\.ts$/, '.js'));
  const { code, map } = await transformFile(file, {
    sourceMaps: true,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(
    outFile,
    `${rewriteAliases(code, outFile)}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`,
  );
  if (map) {
    await writeFile(`${outFile}.map`, map);
  }
}

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
const files = [];
// bench/ is absent from the production image (the Dockerfile copies apps/ and libs/ only).
for (const dir of sourceDirs.filter((name) => existsSync(path.join(root, name)))) {
  for await (const file of walk(path.join(root, dir))) {
    files.push(file);
  }
}
await Promise.all(files.map(compile));
console.error(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
