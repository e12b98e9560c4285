import type { IndexHtmlTransformContext, Plugin } from 'vite';

type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

/** Each workspace's entry module, by the hint the app remembers (src/app/workspaces.ts). */
const WORKSPACES = { coach: 'src/coach/coach-routes.tsx', portal: 'src/portal/portal-routes.tsx' };
const META = '<meta name="tandem-workspace-files" content="{}" />';

/**
 * Writes into index.html the files each workspace's chunk needs beyond the first script (its
 * code, the chunks it imports, their CSS), so the page's inline script can preload the
 * remembered one while the first script is still downloading.
 */
export function workspaceFiles(): Plugin {
  return {
    name: 'tandem:workspace-files',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        if (!html.includes(META)) throw new Error('index.html lost its tandem-workspace-files meta tag');
        const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
        const entry = chunks.find((chunk) => chunk.isEntry);
        if (!entry) throw new Error('the build has no entry chunk');
        const loadedFirst = closure(bundle, entry.fileName);
        const files = Object.fromEntries(
          Object.entries(WORKSPACES).map(([hint, module]) => {
            const chunk = chunks.find((candidate) => candidate.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
            if (!chunk) throw new Error(`no chunk for ${module}`);
            const needed = [...closure(bundle, chunk.fileName)].filter((file) => !loadedFirst.has(file));
            const css = needed.flatMap((file) => [...((bundle[file] as OutputChunk).viteMetadata?.importedCss ?? [])]);
            return [hint, [...css, ...needed].map((file) => `/${file}`)];
          }),
        );
        const content = JSON.stringify(files).replaceAll('"', '&quot;');
        return html.replace(META, `<meta name="tandem-workspace-files" content="${content}" />`);
      },
    },
  };
}

/** A chunk and every chunk it imports statically. */
function closure(bundle: OutputBundle, fileName: string, seen = new Set<string>()): Set<string> {
  if (seen.has(fileName)) return seen;
  seen.add(fileName);
  const chunk = bundle[fileName];
  if (chunk?.type === 'chunk') for (const imported of chunk.imports) closure(bundle, imported, seen);
  return seen;
}
