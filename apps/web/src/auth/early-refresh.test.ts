import { parse, print } from '@0no-co/graphql.web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefreshMutation } from '../graphql/client';
import html from '../../index.html?raw';
import { takeEarlyRefresh } from './early-refresh';

// index.html's inline script, run here as the browser runs it.
const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own script, run as the browser runs it
const runInlineScript = () => new Function(inlineScript)();

const pair = {
  accessToken: 'access-2',
  accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  refreshToken: 'refresh-2',
  user: { id: 'u1', name: 'Ann', email: 'ann@example.com', role: 'CLIENT', timeZone: 'Europe/Paris', client: { id: 'c1', name: 'Ann' } },
};

describe("index.html's early refresh", () => {
  afterEach(() => {
    window.localStorage.clear();
    delete window.__tandemEarlyRefresh;
    document.head.querySelectorAll('link[rel=modulepreload], link[rel=preload]').forEach((link) => link.remove());
  });

  it('asks for the same fields as the app’s Refresh mutation', () => {
    const query = /var query =\s*'([^']*)'/.exec(inlineScript)![1];
    expect(print(parse(query))).toBe(print(RefreshMutation));
  });

  it('does nothing for a visitor without a stored log-in', () => {
    const fetch = vi.spyOn(window, 'fetch');
    runInlineScript();
    expect(fetch).not.toHaveBeenCalled();
    expect(takeEarlyRefresh()).toBeUndefined();
  });

  it('exchanges the stored token, stores the rotated one and hands the answer over once', async () => {
    window.localStorage.setItem('tandem.refreshToken', 'refresh-1');
    const fetch = vi.spyOn(window, 'fetch').mockResolvedValue(Response.json({ data: { refresh: pair } }));
    runInlineScript();
    expect(fetch).toHaveBeenCalledTimes(1);
    const body = JSON.parse(fetch.mock.calls[0][1]?.body as string) as { operationName: string; variables: unknown };
    expect(body).toMatchObject({ operationName: 'Refresh', variables: { refreshToken: 'refresh-1' } });

    await expect(takeEarlyRefresh()).resolves.toEqual(pair);
    expect(window.localStorage.getItem('tandem.refreshToken')).toBe('refresh-2');
    expect(takeEarlyRefresh()).toBeUndefined();
  });

  it('answers null for a refused token and leaves logging out to the app', async () => {
    window.localStorage.setItem('tandem.refreshToken', 'refresh-1');
    vi.spyOn(window, 'fetch').mockResolvedValue(Response.json({ data: { refresh: null }, errors: [{ message: 'refused' }] }));
    runInlineScript();
    await expect(takeEarlyRefresh()).resolves.toBeNull();
    expect(window.localStorage.getItem('tandem.refreshToken')).toBe('refresh-1');
  });

  it("preloads the remembered workspace's files", () => {
    const meta = document.createElement('meta');
    meta.name = 'tandem-workspace-files';
    meta.content = JSON.stringify({ portal: ['/assets/portal.css', '/assets/portal.js'], coach: ['/assets/coach.js'] });
    document.head.append(meta);
    window.localStorage.setItem('tandem.refreshToken', 'refresh-1');
    window.localStorage.setItem('tandem.workspace', 'portal');
    vi.spyOn(window, 'fetch').mockResolvedValue(Response.json({ data: { refresh: pair } }));
    runInlineScript();
    meta.remove();
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload], link[rel=preload]')];
    expect(links.map((link) => [link.rel, link.getAttribute('href'), link.getAttribute('as'), link.getAttribute('crossorigin')])).toEqual([
      ['preload', '/assets/portal.css', 'style', ''],
      ['modulepreload', '/assets/portal.js', null, ''],
    ]);
  });
});
