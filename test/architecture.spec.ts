import fs from 'node:fs';
import path from 'node:path';

/**
 * The boundaries a newcomer can trust, read from the import statements of every TypeScript file:
 * an app never imports another app; a library never imports an app, a migration, a test or the
 * bench (a unit spec beside a library's code is a test, and may use test/support); an app or a
 * library reaches another library only through its `#tandem/<lib>` entry point. Tests and the
 * bench may reach into a library's files (they test its insides).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const TOP = ['apps', 'libs', 'migrations', 'test', 'bench'];
const SKIP = new Set(['node_modules', 'dist', 'var']);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Import {
  file: string;
  specifier: string;
  /** Repository-relative path the import points at, for relative specifiers. */
  target?: string;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const from = path.relative(ROOT, file);
  return [...text.matchAll(SPECIFIER)].map(([, specifier]) => ({
    file: from,
    specifier,
    ...(specifier.startsWith('.') ? { target: path.relative(ROOT, path.resolve(path.dirname(file), specifier)) } : {}),
  }));
}

/** `apps/api/src/x.ts` → ['apps', 'api']; `migrations/x.ts` → ['migrations', undefined]. */
const placeOf = (repoPath: string): [string, string | undefined] => {
  const [top, second] = repoPath.split(path.sep);
  return [top, top === 'apps' || top === 'libs' ? second : undefined];
};

const imports = TOP.flatMap((top) => sourceFiles(path.join(ROOT, top))).flatMap(importsOf);
const describeImport = ({ file, specifier }: Import) => `${file} imports '${specifier}'`;

describe('module boundaries', () => {
  it('reads the import statements of the whole tree', () => {
    expect(imports.length).toBeGreaterThan(1000);
    expect(imports.some(({ specifier }) => specifier.startsWith('#tandem/'))).toBe(true);
  });

  it('no app imports another app', () => {
    const crossing = imports.filter(({ file, target }) => {
      if (!target) return false;
      const [top, app] = placeOf(file);
      const [targetTop, targetApp] = placeOf(target);
      return top === 'apps' && targetTop === 'apps' && targetApp !== app;
    });
    expect(crossing.map(describeImport)).toEqual([]);
  });

  it('no library imports an app, a migration, a test or the bench', () => {
    const upward = imports.filter(({ file, target }) => {
      if (!target || placeOf(file)[0] !== 'libs' || file.endsWith('.spec.ts')) return false;
      return ['apps', 'migrations', 'test', 'bench'].includes(placeOf(target)[0]);
    });
    expect(upward.map(describeImport)).toEqual([]);
  });

  it('an app or another library reaches a library only through its #tandem/<lib> entry point, never into its files', () => {
    const sideways = imports.filter(({ file, target }) => {
      if (!target) return false;
      const [top, lib] = placeOf(file);
      const [targetTop, targetLib] = placeOf(target);
      return (top === 'apps' || (top === 'libs' && targetLib !== lib)) && targetTop === 'libs';
    });
    expect(sideways.map(describeImport)).toEqual([]);
  });

  it('#tandem/<lib> names a library that exists, by its entry point only', () => {
    const libraries = new Set(fs.readdirSync(path.join(ROOT, 'libs')));
    const wrong = imports.filter(({ specifier }) => {
      const match = /^#tandem\/(.+)$/.exec(specifier);
      return match !== null && !libraries.has(match[1]);
    });
    expect(wrong.map(describeImport)).toEqual([]);
  });
});
