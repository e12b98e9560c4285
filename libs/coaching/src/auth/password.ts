import crypto, { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as nativeHash, verify as nativeVerify, type Algorithm } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane), as every stored hash was made.
const PARAMETERS = { parallelism: 1, passes: 2, memoryKiB: 19_456, tagLength: 32 } as const;
const SALT_BYTES = 16;
/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
export const ARGON2ID = 2 as Algorithm;

/**
 * Node's own argon2 (Node ≥ 24.7), else @node-rs/argon2: both hash on libuv's thread
 * pool, so a log-in no longer stalls the event loop for the 200–400 ms a hash takes.
 * Hashes are PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), the format hash-wasm
 * wrote, so every stored hash still verifies.
 */
interface Argon2 {
  hash(password: string, salt: Buffer): Promise<string>;
  verify(password: string, phc: string): Promise<boolean>;
}

export type NodeArgon2 = (
  algorithm: 'argon2id',
  parameters: { message: string | Buffer; nonce: Buffer; parallelism: number; tagLength: number; memory: number; passes: number },
  callback: (error: Error | null, tag: Buffer) => void,
) => void;

const nodeArgon2 = (crypto as unknown as { argon2?: NodeArgon2 }).argon2;

/** Exported for the spec, which drives it with a stand-in while Node 20 has no crypto.argon2. */
export const viaNodeCrypto = (argon2: NodeArgon2): Argon2 => {
  const derive = (password: string, salt: Buffer, p: Phc) =>
    new Promise<Buffer>((resolve, reject) =>
      argon2(
        'argon2id',
        { message: password, nonce: salt, parallelism: p.parallelism, tagLength: p.tagLength, memory: p.memoryKiB, passes: p.passes },
        (error, tag) => (error ? reject(error) : resolve(tag)),
      ),
    );
  return {
    async hash(password, salt) {
      return formatPhc({ ...PARAMETERS, salt, tag: await derive(password, salt, { ...PARAMETERS, salt, tag: Buffer.alloc(0) }) });
    },
    async verify(password, phc) {
      const parsed = parsePhc(phc);
      if (!parsed) return false;
      const tag = await derive(password, parsed.salt, parsed);
      return tag.length === parsed.tag.length && timingSafeEqual(tag, parsed.tag);
    },
  };
};

const viaNodeRs: Argon2 = {
  hash: (password, salt) =>
    nativeHash(password, {
      algorithm: ARGON2ID,
      memoryCost: PARAMETERS.memoryKiB,
      timeCost: PARAMETERS.passes,
      parallelism: PARAMETERS.parallelism,
      outputLen: PARAMETERS.tagLength,
      salt,
    }),
  verify: (password, phc) => nativeVerify(phc, password),
};

const argon2: Argon2 = nodeArgon2 ? viaNodeCrypto(nodeArgon2) : viaNodeRs;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, randomBytes(SALT_BYTES));
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2.verify(password, hash);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

interface Phc {
  parallelism: number;
  passes: number;
  memoryKiB: number;
  tagLength: number;
  salt: Buffer;
  tag: Buffer;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** An argon2id PHC string's parameters, salt and tag (unpadded standard base64), or null. */
export function parsePhc(phc: string): Phc | null {
  const match = PHC.exec(phc);
  if (!match) return null;
  const tag = Buffer.from(match[5], 'base64');
  return {
    memoryKiB: Number(match[1]),
    passes: Number(match[2]),
    parallelism: Number(match[3]),
    salt: Buffer.from(match[4], 'base64'),
    tag,
    tagLength: tag.length,
  };
}

export function formatPhc(p: Phc): string {
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=${p.memoryKiB},t=${p.passes},p=${p.parallelism}$${b64(p.salt)}$${b64(p.tag)}`;
}
