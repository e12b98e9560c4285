import { loadConfig } from './load-config.js';
import { parseTrustProxy } from './trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('trusts loopback only by default', () => {
    expect(parseTrustProxy(undefined)).toEqual(['loopback']);
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
  });

  it('reads none, a hop count, named ranges, addresses and CIDR ranges', () => {
    expect(parseTrustProxy('none')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.1')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
  });

  it('refuses true (every client could choose its IP) and entries that are no address or range, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/^Invalid configuration: TRUST_PROXY must not be true/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow('bad entry "10.0.0.0/33"');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow('bad entry "everyone"');
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow('hop count between 0 and 10');
  });
});

describe('operator settings', () => {
  it('leaves the dashboard off without ADMIN_TOKEN, refuses a short one without echoing it, and reads the shutdown limit', () => {
    expect(loadConfig({}).adminToken).toBeNull();
    expect(loadConfig({ ADMIN_TOKEN: 'a'.repeat(24) }).adminToken).toBe('a'.repeat(24));
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('short-secret') }),
    );
    expect(loadConfig({}).shutdownTimeoutMs).toBe(20_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '5000' }).shutdownTimeoutMs).toBe(5000);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow('SHUTDOWN_TIMEOUT_MS must be a whole number');
  });
});
