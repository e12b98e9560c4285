import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TestApi } from '../support/test-api.js';

/**
 * The built web app as production serves it (createApiApp, NODE_ENV=production, dist/web
 * from `npm run build:web`): precompressed copies by Accept-Encoding, hashed assets cached
 * for a year, index.html revalidated, no source maps, helmet's headers everywhere.
 */

const WEB_DIR = join(process.cwd(), 'dist', 'web');

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// fetch decompresses by itself; these assertions need the bytes as they travel.
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function decode(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  if (encoding === undefined) return response.body;
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

function expectSecurityHeaders(response: RawResponse): void {
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(response.headers['referrer-policy']).toBe('same-origin');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['x-powered-by']).toBeUndefined();
}

let api: TestApi;
let base: string;
let assets: string[];

beforeAll(async () => {
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR} is not built: run npm run build:web first`);
  // The asset paths the page loads (its script and stylesheet).
  const index = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  api = await TestApi.start({ env: { NODE_ENV: 'production', JWT_SECRET: 'web-assets-test-secret-0123456789abcdef' } });
  base = api.http.baseUrl;
});

afterAll(async () => {
  await api?.close();
});

it('the page loads a script and a stylesheet, each with brotli and gzip copies from the build', () => {
  expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
  expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
  for (const path of assets) {
    const file = join(WEB_DIR, path);
    expect(existsSync(`${file}.br`)).toBe(true);
    expect(existsSync(`${file}.gz`)).toBe(true);
    // Worth it: the JavaScript bundle travels at less than a third of its size.
    if (path.endsWith('.js')) expect(readFileSync(`${file}.br`).length).toBeLessThan(readFileSync(file).length / 3);
  }
});

it('serves each hashed asset as brotli, gzip or plain by Accept-Encoding, all decoding to the same bytes, cached for a year', async () => {
  for (const path of assets) {
    const original = readFileSync(join(WEB_DIR, path));
    const contentType = path.endsWith('.js') ? /^text\/javascript|^application\/javascript/ : /^text\/css/;
    const cases: Array<[acceptEncoding: string | undefined, expected: string | undefined]> = [
      // Browsers list gzip first; brotli is smaller, so at equal q-values the server picks it.
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.4', 'gzip'],
      ['identity', undefined],
      ['*;q=0, identity', undefined],
      [undefined, undefined],
    ];
    for (const [acceptEncoding, expected] of cases) {
      const response = await rawGet(`${base}${path}`, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
      expect({ path, acceptEncoding, status: response.status, encoding: response.headers['content-encoding'] }).toEqual({
        path,
        acceptEncoding,
        status: 200,
        encoding: expected,
      });
      expect(response.headers['content-type']).toMatch(contentType);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(decode(response).equals(original)).toBe(true);
      expectSecurityHeaders(response);
    }
  }
});

it('answers a page path with index.html, revalidated every time, compressed when accepted', async () => {
  const original = readFileSync(join(WEB_DIR, 'index.html'));
  for (const [path, acceptEncoding] of [
    ['/', 'br'],
    ['/clients/some-id', 'gzip'],
    ['/index.html', ''],
  ] as const) {
    const response = await rawGet(`${base}${path}`, { accept: 'text/html', 'accept-encoding': acceptEncoding });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['content-encoding']).toBe(acceptEncoding || undefined);
    expect(decode(response).equals(original)).toBe(true);
    expectSecurityHeaders(response);
  }
});

it("allows index.html's inline scripts by their hash and no other inline script", async () => {
  const response = await rawGet(`${base}/`, { accept: 'text/html' });
  const html = decode(response).toString('utf8');
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  expect(inline.length).toBeGreaterThan(0);
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(String(response.headers['content-security-policy']))?.[1].split(' ');
  const hashes = inline.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  expect(scriptSrc?.sort()).toEqual(["'self'", ...hashes].sort());
});

it('keeps source maps on the server: none is served and no bundle points to one', async () => {
  const script = assets.find((path) => path.endsWith('.js'))!;
  // The build wrote the map (for debugging on the server)...
  expect(existsSync(join(WEB_DIR, `${script}.map`))).toBe(true);
  // ...but the bundle does not name it and the server answers 404 in every encoding.
  expect(readFileSync(join(WEB_DIR, script), 'utf8')).not.toContain('sourceMappingURL');
  for (const acceptEncoding of ['br', 'gzip', 'identity']) {
    const response = await rawGet(`${base}${script}.map`, { accept: '*/*', 'accept-encoding': acceptEncoding });
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('"mappings"');
  }
  // A missing asset is a 404 too, never the app's HTML.
  expect((await rawGet(`${base}/assets/missing-0000.js`)).status).toBe(404);
});

it("puts helmet's headers on GraphQL and health answers too", async () => {
  const health = await rawGet(`${base}/health/live`);
  expect(health.status).toBe(200);
  expectSecurityHeaders(health);

  const graphql = await new Promise<RawResponse>((resolve, reject) => {
    const request = http.request(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query: '{ __typename }' }));
  });
  expect(graphql.status).toBe(200);
  expectSecurityHeaders(graphql);
});
