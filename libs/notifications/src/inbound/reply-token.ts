import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ReplyClaims {
  /** Who the email went to: a reply is posted as them. */
  userId: string;
  /** Whose conversation. */
  engagementId: string;
  expiresAt: Date;
}

// Signed with a purpose prefix so the same secret (AppConfig.jwtSecret) can never produce a signature valid for anything else.
const PURPOSE = 'tandem.reply.v1.';
/** The signature is cut to 128 bits: an address's local part should stay short. */
const MAC_BYTES = 16;
const PAYLOAD_BYTES = 16 + 16 + 4;
const LOCAL_PREFIX = 'reply+';
// RFC 4648 base32, lower case: mail systems may change the case of a local part, and base32 does not care.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function mac(payload: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).update(payload).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.toLowerCase()) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The token of a reply address: base32 of the user, the engagement, the expiry (seconds) and their HMAC-SHA256 (cut). */
export function signReplyToken(claims: ReplyClaims, secret: string): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  uuidBytes(claims.userId).copy(payload, 0);
  uuidBytes(claims.engagementId).copy(payload, 16);
  payload.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 32);
  return base32(Buffer.concat([payload, mac(payload, secret)]));
}

/** The claims of a token signed with this secret that has not expired at `now`; null for anything else. */
export function verifyReplyToken(token: string, secret: string, now: Date): ReplyClaims | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const bytes = fromBase32(token);
  if (!bytes || bytes.length !== PAYLOAD_BYTES + MAC_BYTES || base32(bytes) !== token.toLowerCase()) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(payload, secret))) return null;
  const expiresAt = new Date(payload.readUInt32BE(32) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { userId: uuidText(payload.subarray(0, 16)), engagementId: uuidText(payload.subarray(16, 32)), expiresAt };
}

/** `reply+<token>@<domain>` */
export function replyAddress(token: string, domain: string): string {
  return `${LOCAL_PREFIX}${token}@${domain}`;
}

/** The token of a reply address at `domain` (case-insensitive), or null when the address is not one. */
export function replyTokenOf(address: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const local = address.slice(0, at).toLowerCase();
  if (address.slice(at + 1).toLowerCase() !== domain.toLowerCase() || !local.startsWith(LOCAL_PREFIX)) return null;
  return local.slice(LOCAL_PREFIX.length) || null;
}
