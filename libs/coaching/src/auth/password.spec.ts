import { hashRaw } from '@node-rs/argon2';
import {
  ARGON2ID,
  formatPhc,
  hashPassword,
  parsePhc,
  verifyAgainstDummy,
  verifyPassword,
  viaNodeCrypto,
  type NodeArgon2,
} from './password.js';

// Made by the previous implementation (hash-wasm's argon2id, m=19456 t=2 p=1, 32-byte tag)
// with the salt "tandem-fixed-salt": every hash stored before the switch looks like this.
const HASH_WASM_HASH = '$argon2id$v=19$m=19456,t=2,p=1$dGFuZGVtLWZpeGVkLXNhbHQ$0fhO1Mn8mCda1/NrQGaCtU6N2fCIW0IyOMSMmYVtqBI';

describe('password hashing', () => {
  it('verifies a hash made by the previous (hash-wasm) implementation, and only with its password', async () => {
    expect(await verifyPassword('correct horse battery staple', HASH_WASM_HASH)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', HASH_WASM_HASH)).toBe(false);
  });

  it('hashes with the same parameters as before, a fresh salt each time, and verifies its own hashes', async () => {
    const first = await hashPassword('s3cret-enough');
    const second = await hashPassword('s3cret-enough');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('s3cret-enough', first)).toBe(true);
    expect(await verifyPassword('s3cret-enougH', first)).toBe(false);
  });

  it('answers false for a malformed or foreign hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
    expect(await verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuuNotBcryptAtAll')).toBe(false);
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });

  it('reads and writes PHC strings unchanged', () => {
    const parsed = parsePhc(HASH_WASM_HASH);
    expect(parsed).toMatchObject({ memoryKiB: 19_456, passes: 2, parallelism: 1, tagLength: 32 });
    expect(parsed!.salt.toString()).toBe('tandem-fixed-salt');
    expect(formatPhc(parsed!)).toBe(HASH_WASM_HASH);
  });

  it("verifies old hashes the same way through node:crypto's argon2 (Node ≥ 24.7)", async () => {
    // node:crypto's shape (raw tag from message, nonce, memory, passes), computed here by @node-rs/argon2.
    const nodeArgon2: NodeArgon2 = (_algorithm, p, callback) => {
      hashRaw(p.message, {
        algorithm: ARGON2ID,
        salt: p.nonce,
        memoryCost: p.memory,
        timeCost: p.passes,
        parallelism: p.parallelism,
        outputLen: p.tagLength,
      }).then(
        (tag) => callback(null, tag),
        (error: Error) => callback(error, Buffer.alloc(0)),
      );
    };
    const argon2 = viaNodeCrypto(nodeArgon2);
    expect(await argon2.verify('correct horse battery staple', HASH_WASM_HASH)).toBe(true);
    expect(await argon2.verify('wrong', HASH_WASM_HASH)).toBe(false);
    const made = await argon2.hash('s3cret-enough', Buffer.from('0123456789abcdef'));
    expect(await verifyPassword('s3cret-enough', made)).toBe(true);
  });
});
