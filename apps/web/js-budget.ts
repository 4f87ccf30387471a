import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The chunks a first visit loads before any route's own code: the entry and its static imports. */
export function initialChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk): void => {
    if (initial.has(chunk.fileName)) {
      return;
    }
    initial.set(chunk.fileName, chunk);
    chunk.imports.map((name) => byName.get(name)).forEach((next) => next && visit(next));
  };
  chunks.filter((chunk) => chunk.isEntry).forEach(visit);
  return [...initial.values()];
}

/**
 * Fails the build when the initial JavaScript, gzipped, exceeds `budgetBytes` (route code is split off by
 * `lazy()` routes and does not count); prints the figure on every build.
 */
export function jsBudget(budgetBytes: number): Plugin {
  return {
    name: 'agora-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const initial = initialChunks(bundle);
      const gzipped = initial.reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0);
      const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
      const line = `initial JS ${kb(gzipped)} gzipped in ${initial.length} chunk(s), budget ${kb(budgetBytes)}`;
      if (gzipped > budgetBytes) {
        this.error(`web: ${line}: over budget; split routes with lazy() or drop a dependency`);
      }
      console.error(`web: ${line}`);
    },
  };
}
