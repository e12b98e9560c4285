import fs from 'node:fs';
import path from 'node:path';

/**
 * No import cycles in apps/ and libs/, type-only imports included: a cycle makes
 * module order matter (a class used before it is defined) and means two files
 * cannot be understood, or moved, apart. The graph is built from the sources:
 * static `import`/`export … from`, side-effect imports and `import('…')`,
 * relative paths and the `#tandem/*` libraries resolved to their files.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['apps', 'libs'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'var']);
const EXTENSIONS = ['.ts', '.tsx'];

// `import x from '…'`, `import type { X } from '…'`, `export * from '…'`, `export { X } from '…'`.
const FROM = /^\s*(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/gm;
// `import './x.css'`, `import('…')`.
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a specifier names, or null for a package (or a file outside apps/ and libs/, e.g. a stylesheet). */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('#tandem/')) base = path.join(ROOT, 'libs', specifier.slice('#tandem/'.length), 'src', 'index');
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  const candidates = [base, ...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(stem, `index${ext}`))];
  return candidates.find((file) => EXTENSIONS.includes(path.extname(file)) && fs.existsSync(file)) ?? null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [FROM, BARE, DYNAMIC].flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
    const targets = specifiers.map((specifier) => resolve(file, specifier)).filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle per strongly connected component of more than one file (or a file importing itself), as a path. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;

  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(pathWithin(graph, new Set(component), file));
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

/** A shortest way from `start` back to itself inside one component. */
function pathWithin(graph: Map<string, string[]>, component: Set<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const target of graph.get(file) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const way: string[] = [];
        for (let at = file; at !== start; at = previous.get(at)!) way.unshift(at);
        return [start, ...way, start];
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

describe('import graph of apps/ and libs/', () => {
  const graph = importGraph();

  it('reads the sources and resolves their imports', () => {
    expect(graph.size).toBeGreaterThan(200);
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(graph.size);
    // A type-only import and a #tandem/* import count as edges.
    const demoSeed = path.join(ROOT, 'libs/demo/src/demo-seed.ts');
    expect(graph.get(demoSeed)).toEqual(
      expect.arrayContaining([path.join(ROOT, 'libs/demo/src/demo-practice.types.ts'), path.join(ROOT, 'libs/coaching/src/index.ts')]),
    );
  });

  it('has no cycle, type-only imports included', () => {
    const found = cycles(graph).map((cycle) => cycle.map((file) => path.relative(ROOT, file)).join(' → '));
    expect(found).toEqual([]);
  });
});
