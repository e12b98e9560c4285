import net from 'node:net';

/**
 * Which peers may set X-Forwarded-For (Express's `trust proxy`): none, a hop
 * count, or a list of addresses, CIDR ranges and Express's named ranges.
 */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads TRUST_PROXY; returns the setting or a sentence saying what is wrong.
 * `true` is refused: trusting every peer lets any client choose its own IP.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { problem: string } {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return ['loopback'];
  if (value === 'false' || value === 'none') return false;
  if (value === 'true')
    return { problem: 'must not be true (any client could then choose its IP): name the proxies, e.g. "10.0.0.0/8", or a hop count' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? (hops === 0 ? false : hops) : { problem: 'must be a hop count between 0 and 10' };
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !NAMED_RANGES.has(entry) && !isAddressOrRange(entry));
  if (bad !== undefined)
    return { problem: `must be loopback, linklocal, uniquelocal, IP addresses or CIDR ranges, or a hop count (bad entry "${bad}")` };
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d+$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
