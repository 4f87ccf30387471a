import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Module specifiers a source file loads at run time (type-only imports and exports are erased). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|import\('([^']+)'\)/g;
  for (const match of source.matchAll(statement)) {
    const [, , typeOnly, clause, from, bare, dynamic] = match;
    if (bare ?? dynamic) {
      found.push(bare ?? dynamic);
      continue;
    }
    const names = /\{([^}]*)\}/.exec(clause ?? '')?.[1];
    const allTypes =
      names !== undefined &&
      !/^\s*\*|^\s*\w+\s*,/.test(clause ?? '') &&
      names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .every((name) => name.startsWith('type '));
    if (!typeOnly && !allTypes) {
      found.push(from);
    }
  }
  return found;
}

function resolve(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('@agora/')) {
    return path.join(root, 'libs', specifier.slice('@agora/'.length), 'src', 'index.ts');
  }
  if (specifier.startsWith('.')) {
    const candidate = path.resolve(path.dirname(from), specifier.replace(/\.js$/, '.ts'));
    return existsSync(candidate) ? candidate : undefined;
  }
  return undefined;
}

/** Every package and @agora lib a lib's entry point reaches at run time, following its own files. */
function closureOf(lib: string): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>();
  const pending = [path.join(root, 'libs', lib, 'src', 'index.ts')];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      const target = resolve(file, specifier);
      if (specifier.startsWith('@agora/')) {
        reached.add(specifier);
      } else if (!specifier.startsWith('.')) {
        reached.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0],
        );
      }
      if (target) {
        pending.push(target);
      }
    }
  }
  return reached;
}

const RUNTIME_ONLY = ['kafkajs', 'pg', '@agora/database', '@agora/messaging', '@agora/runtime'];

/**
 * The walls between libs (ARCHITECTURE.md): the HTTP edge, authentication, the list engine and the
 * contracts never load the bus, the database driver or the service runtime, so a lib that needs a problem
 * exception does not start Kafka. Only the list engine may use TypeORM (its query builder).
 */
describe('lib import walls', () => {
  it.each([
    ['contracts', [...RUNTIME_ONLY, 'typeorm']],
    ['config', [...RUNTIME_ONLY, 'typeorm']],
    ['logging', [...RUNTIME_ONLY, 'typeorm']],
    ['http', [...RUNTIME_ONLY, 'typeorm']],
    ['auth', [...RUNTIME_ONLY, 'typeorm']],
    ['rate-limit', [...RUNTIME_ONLY, 'typeorm']],
    ['list-query', RUNTIME_ONLY],
  ])('@agora/%s reaches none of %j at run time', (lib, forbidden) => {
    const reached = closureOf(lib);
    expect([...reached].filter((name) => forbidden.includes(name))).toEqual([]);
  });

  it('sees a wall when one is broken', () => {
    expect(closureOf('runtime')).toContain('kafkajs');
    expect(closureOf('runtime')).toContain('@agora/database');
  });
});
