// Compiles apps/, libs/ and bench/ to dist/ with SWC (decorator metadata on, ES modules out) and rewrites
// the @agora/<lib> aliases to relative paths, so `node dist/apps/<app>/main.js` runs as is.
// Type checking is `npm run typecheck` (tsc --noEmit); this step only transpiles, in about a second.
// `npm start`'s entry is then bundled into dist/platform (bundlePlatform) and the web app (apps/web, Vite) is
// built into dist/web, each unless what it reads is unchanged since the last build.
import { transformFile } from '@swc/core';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist');
const webDir = path.join(root, 'apps', 'web');
const webOutDir = path.join(outDir, 'web');
const webHashFile = path.join(webOutDir, '.source-hash');
const platformEntry = path.join(outDir, 'apps', 'platform', 'src', 'embedded.js');
const platformOutDir = path.join(outDir, 'platform');
const platformHashFile = path.join(platformOutDir, '.source-hash');
const sourceDirs = ['apps', 'libs', 'bench'];
const isSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // apps/web is the browser app: Vite builds it, not SWC.
      if (entry.name !== 'test' && entry.name !== 'node_modules' && full !== webDir) {
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

/** This build's compiled files by their path in dist/: code with the aliases rewritten, and SWC's source map. */
const compiled = new Map();

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
  const output = rewriteAliases(code, outFile);
  compiled.set(outFile, { code: output, map });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${output}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
  if (map) {
    await writeFile(`${outFile}.map`, map);
  }
}

/** Our files from this build's memory with SWC's source maps, so that the bundle's maps lead back to the TypeScript. */
const fromCompiled = {
  name: 'agora-compiled',
  load(id) {
    const file = compiled.get(id);
    return file ? { code: file.code, map: file.map ?? null } : null;
  },
};

/** A hash of what the bundle is made of: every compiled file, the locked dependencies and this script. */
async function platformSourceHash() {
  const hash = createHash('sha256');
  for (const file of [...compiled.keys()].sort()) {
    hash.update(path.relative(outDir, file));
    hash.update(compiled.get(file).code);
  }
  hash.update(await readFile(path.join(root, 'package-lock.json')));
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}

/**
 * `npm start`'s entry (apps/platform/src/embedded.ts) with our own code in a few files (dist/platform), the
 * packages imported from node_modules as they are: loading about 800 modules one by one was a tenth of
 * `npm start`'s time. Dynamic imports stay chunks, so the services' code still loads while PostgreSQL starts.
 * Class names are kept (`keepNames`): TypeORM's tables and migrations and Swagger's schemas are named by them.
 */
async function bundlePlatform() {
  const sourceHash = await platformSourceHash();
  if (existsSync(platformHashFile) && (await readFile(platformHashFile, 'utf8')) === sourceHash) {
    return;
  }
  const bundleStarted = Date.now();
  await rm(platformOutDir, { recursive: true, force: true });
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: platformEntry,
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    logLevel: 'warn',
    plugins: [fromCompiled],
  });
  await bundle.write({
    dir: platformOutDir,
    format: 'esm',
    keepNames: true,
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  });
  await bundle.close();
  await writeFile(platformHashFile, sourceHash);
  console.error(`build: npm start's entry bundled to dist/platform in ${Date.now() - bundleStarted} ms`);
}

/** A hash of everything the web build reads: its sources, the generated client and the locked dependencies. */
async function webSourceHash() {
  const hash = createHash('sha256');
  const inputs = [
    webDir,
    path.join(root, 'clients', 'typescript', 'src'),
    path.join(root, 'package-lock.json'),
  ];
  async function add(file) {
    hash.update(path.relative(root, file));
    hash.update(await readFile(file));
  }
  async function addDir(dir) {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') {
          await addDir(full);
        }
      } else {
        await add(full);
      }
    }
  }
  for (const input of inputs.filter((file) => existsSync(file))) {
    await (input.endsWith('.json') ? add(input) : addDir(input));
  }
  return hash.digest('hex');
}

async function buildWeb() {
  if (!existsSync(webDir)) {
    return;
  }
  const sourceHash = await webSourceHash();
  if (existsSync(webHashFile) && (await readFile(webHashFile, 'utf8')) === sourceHash) {
    return;
  }
  const webStarted = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  await writeFile(webHashFile, sourceHash);
  console.error(`build: web app built to dist/web in ${Date.now() - webStarted} ms`);
}

const started = Date.now();
// dist/web and dist/platform survive: each is rebuilt only when what it reads changes (buildWeb, bundlePlatform).
await mkdir(outDir, { recursive: true });
for (const entry of await readdir(outDir)) {
  if (entry !== 'web' && entry !== 'platform') {
    await rm(path.join(outDir, entry), { recursive: true, force: true });
  }
}
const files = [];
// bench/ is absent from the production image (the Dockerfile copies apps/ and libs/ only).
for (const dir of sourceDirs.filter((name) => existsSync(path.join(root, name)))) {
  for await (const file of walk(path.join(root, dir))) {
    files.push(file);
  }
}
await Promise.all(files.map(compile));
console.error(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
await bundlePlatform();
await buildWeb();
