import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * package.json asks for Node >= 24 and brings it (the `node` dev dependency), so the README's
 * commands run under it on a machine whose own Node is older: npm puts node_modules/.bin first
 * on PATH for every script, and this file runs inside `npm test`.
 */
const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
const wanted = Number(/^>=\s*(\d+)/.exec(engines)?.[1]);
const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1]);

it('asks for Node 24 or later', () => {
  expect(wanted).toBeGreaterThanOrEqual(24);
});

it('runs the tests under that Node', () => {
  expect(major(process.version)).toBeGreaterThanOrEqual(wanted);
});

it("gives npm's scripts that Node, whatever the machine's own is", () => {
  const version = execFileSync('npm', ['exec', '--', 'node', '-p', 'process.version'], { encoding: 'utf8' }).trim();
  expect(major(version)).toBeGreaterThanOrEqual(wanted);
});
