import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support/free-port.js';
import { TestApi } from './support/test-api.js';

/**
 * The image builds from exactly what the Dockerfile copies: the build stage's COPY lines
 * (minus .dockerignore) are copied to an empty directory and its `npm run build` runs there.
 * No Docker engine is needed: node_modules is linked from this checkout instead of the
 * stage's `npm ci` (the lock file is the same). A file the build needs but the Dockerfile
 * does not copy (a spec importing test/support, say) fails here, not at deploy time.
 */

const ROOT = process.cwd();
const run = promisify(execFile);

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, comments dropped and continuation lines joined. */
function instructions(dockerfile: string): Instruction[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The first stage (up to the second FROM): what the build sees. */
function buildStage(all: Instruction[]): Instruction[] {
  const second = all.findIndex((instruction, index) => index > 0 && instruction.keyword === 'FROM');
  return all.slice(0, second === -1 ? undefined : second);
}

/** `COPY a b ./` → [a, b]; `COPY apps apps` → [apps]. Flags (--chown…) are not sources. */
function copySources(instruction: Instruction): string[] {
  const words = instruction.args.startsWith('[') ? (JSON.parse(instruction.args) as string[]) : instruction.args.split(/\s+/);
  return words.filter((word) => !word.startsWith('--')).slice(0, -1);
}

/** .dockerignore as predicates over paths relative to the context (`*` within a segment, `**` across). */
function dockerignore(text: string): (relative: string) => boolean {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.replace(/^\/+|\/+$/g, ''));
  const matchers = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern)
      .split('/')
      .map((segment) =>
        segment === '**'
          ? '.*'
          : segment
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]'),
      )
      .join('/');
    // A pattern that names a directory excludes everything beneath it.
    return { negated, regex: new RegExp(`^${body}(/.*)?$`) };
  });
  return (relative) => {
    let ignored = false;
    for (const matcher of matchers) if (matcher.regex.test(relative)) ignored = !matcher.negated;
    return ignored;
  };
}

let context: string;
let dockerfileInstructions: Instruction[];

beforeAll(() => {
  dockerfileInstructions = instructions(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
});

afterAll(() => {
  if (context) rmSync(context, { recursive: true, force: true });
});

it('names a Node 24 base pinned by digest, runs as node and checks its own health', () => {
  const bases = dockerfileInstructions
    .filter((instruction) => instruction.keyword === 'FROM')
    .map((instruction) => instruction.args.split(/\s+/)[0]);
  expect(bases.length).toBeGreaterThan(0);
  for (const base of bases) expect(base).toMatch(/^node:24(\.\d+){0,2}-bookworm-slim@sha256:[0-9a-f]{64}$/);
  const runtime = dockerfileInstructions.slice(dockerfileInstructions.map((instruction) => instruction.keyword).lastIndexOf('FROM'));
  expect(runtime.find((instruction) => instruction.keyword === 'USER')?.args).toBe('node');
  expect(runtime.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args).toMatch(
    /CMD \["node", "dist\/apps\/api\/src\/health-check\.js"\]/,
  );
});

it('builds from exactly the files the Dockerfile copies', async () => {
  const stage = buildStage(dockerfileInstructions);
  const sources = stage
    .filter((instruction) => instruction.keyword === 'COPY' && !instruction.args.includes('--from'))
    .flatMap(copySources);
  expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'apps', 'libs', 'migrations']));
  const ignored = dockerignore(existsSync(path.join(ROOT, '.dockerignore')) ? readFileSync(path.join(ROOT, '.dockerignore'), 'utf8') : '');

  context = mkdtempSync(path.join(os.tmpdir(), 'tandem-image-'));
  for (const source of sources) {
    const from = path.join(ROOT, source);
    if (!existsSync(from)) throw new Error(`the Dockerfile copies ${source}, which does not exist`);
    cpSync(from, path.join(context, source), {
      recursive: true,
      filter: (file) => {
        const relative = path.relative(ROOT, file).split(path.sep).join('/');
        return relative === '' || !ignored(relative);
      },
    });
  }
  // Stands in for the stage's `RUN npm ci`: the same lock file, installed once already.
  expect(stage.find((instruction) => instruction.keyword === 'RUN')?.args).toBe('npm ci');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(context, 'node_modules'), 'dir');
  expect(readdirSync(context).sort()).toEqual([...new Set(sources.map((source) => source.split('/')[0])), 'node_modules'].sort());

  // The stage's build command, without the prune (which would empty the linked node_modules).
  const build = stage.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args)[1];
  expect(build).toMatch(/^npm run build\b/);
  await run('npm', ['run', '-s', 'build'], { cwd: context, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`npm run build failed in the image's context:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`);
    },
  );

  // What the image's commands run is there; nothing of the tests or the benchmarks is.
  for (const file of [
    'dist/apps/api/src/main.js',
    'dist/apps/worker/src/main.js',
    'dist/apps/api/src/health-check.js',
    'dist/apps/worker/src/health-check.js',
    'dist/apps/api/src/cli/migrate.js',
    'dist/web/index.html',
  ]) {
    expect(existsSync(path.join(context, file))).toBe(true);
  }
  const built = readdirSync(path.join(context, 'dist'), { recursive: true }) as string[];
  expect(built.filter((file) => /\.spec\.js$|\.test\.js$/.test(file))).toEqual([]);
  expect(existsSync(path.join(context, 'dist', 'bench'))).toBe(false);
  expect(existsSync(path.join(context, 'dist', 'test'))).toBe(false);
  expect(statSync(path.join(context, 'dist', 'web', 'index.html')).size).toBeGreaterThan(0);
}, 600_000);

describe("the image's HEALTHCHECK script", () => {
  const script = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'health-check.js');

  function exitCode(port: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', resolve);
    });
  }

  it('exits 0 while the API is live and 1 when nothing answers', async () => {
    const api = await TestApi.start();
    try {
      expect(await exitCode(Number(new URL(api.http.baseUrl).port))).toBe(0);
    } finally {
      await api.close();
    }
    expect(await exitCode(await freePort())).toBe(1);
  });
});
