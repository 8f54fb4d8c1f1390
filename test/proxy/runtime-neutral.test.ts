import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Every module reachable from `entry` through static and dynamic imports, with its specifiers. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(
      (match) => match[1] ?? match[2] ?? '',
    );
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
    }
  }
  return graph;
}

describe('chatlet/proxy', () => {
  it('imports nothing from node:* or npm, so it runs on Workers, Deno and Bun', () => {
    const graph = importGraph('src/proxy/index.ts');
    expect(graph.size).toBeGreaterThan(10);
    const foreign = [...graph].flatMap(([file, specifiers]) =>
      specifiers
        .filter((specifier) => !specifier.startsWith('.'))
        .map((specifier) => `${file.slice(ROOT.length + 1)} → ${specifier}`),
    );
    expect(foreign).toEqual([]);
  });

  it('stays inside core and proxy', () => {
    const files = [...importGraph('src/proxy/index.ts').keys()].map((file) =>
      file.slice(ROOT.length + 1),
    );
    expect(files.filter((file) => !/^src\/(core|proxy)\//.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('src/proxy/node/'))).toEqual([]);
  });
});
