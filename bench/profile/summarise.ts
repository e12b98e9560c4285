// Self time of a V8 CPU profile by package, for issue 14's profiles of the API.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package under node_modules, a Tandem folder, Node itself, or V8's own entries (GC, idle). */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] === 'internal' ? url.slice(5).split('/')[1] : url.slice(5)}`;
  const dist = url.indexOf('/dist/');
  if (dist >= 0) {
    const parts = url.slice(dist + 6).split('/');
    return `tandem ${parts[0]}/${parts[1]}`;
  }
  return url;
}

/** `node dist/bench/profile/summarise.js a.cpuprofile [b.cpuprofile …]`: one table of self time shares, whole profiles merged. */
function main(files: string[]): void {
  const totals = new Map<string, number>();
  const functions = new Map<string, number>();
  let all = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      const delta = profile.timeDeltas[i] ?? 0;
      const pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
      totals.set(pkg, (totals.get(pkg) ?? 0) + delta);
      const fn = `${pkg} ${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-1)[0]}`;
      functions.set(fn, (functions.get(fn) ?? 0) + delta);
      all += delta;
    });
  }
  const busy = all - (totals.get('(idle)') ?? 0);
  process.stdout.write(`total ${(all / 1000).toFixed(0)} ms, busy ${(busy / 1000).toFixed(0)} ms (shares of busy time)\n`);
  for (const [pkg, time] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30))
    process.stdout.write(`${((time / busy) * 100).toFixed(1).padStart(5)} %  ${pkg}\n`);
  process.stdout.write('\ntop functions (self):\n');
  for (const [fn, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 40))
    process.stdout.write(`${((time / busy) * 100).toFixed(1).padStart(5)} %  ${fn}\n`);
}

main(process.argv.slice(2));
