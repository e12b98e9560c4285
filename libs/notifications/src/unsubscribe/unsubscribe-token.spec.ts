import { createHmac } from 'node:crypto';
import { signUnsubscribeToken, verifyUnsubscribeToken, type UnsubscribeClaims } from './unsubscribe-token.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = new Date('2027-01-05T14:00:00.000Z');
const claims: UnsubscribeClaims = {
  practiceId: '4c8b2f0e-1d5a-4a36-9b57-2f1e0c9d8a7b',
  email: 'Ana.Lopez@client.test',
  kind: 'SESSION_REMINDER',
  expiresAt: new Date('2027-03-05T14:00:00.123Z'),
};

/** Re-encodes a token's payload with changes, keeping the original signature. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${Buffer.from(JSON.stringify(change(decoded))).toString('base64url')}.${signature}`;
}

describe('unsubscribe tokens', () => {
  it('round-trip their claims, for one kind or for everything', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(token, SECRET, NOW)).toEqual(claims);

    const all = { ...claims, kind: null };
    expect(verifyUnsubscribeToken(signUnsubscribeToken(all, SECRET), SECRET, NOW)).toEqual(all);
  });

  it('are compact enough for a List-Unsubscribe header', () => {
    expect(signUnsubscribeToken(claims, SECRET).length).toBeLessThan(256);
  });

  it('are rejected when the payload was tampered with', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(
      verifyUnsubscribeToken(
        withPayload(token, (p) => ({ ...p, e: 'someone.else@client.test' })),
        SECRET,
        NOW,
      ),
    ).toBeNull();
    expect(
      verifyUnsubscribeToken(
        withPayload(token, (p) => ({ ...p, k: null })),
        SECRET,
        NOW,
      ),
    ).toBeNull();
    expect(
      verifyUnsubscribeToken(
        withPayload(token, (p) => ({ ...p, x: Date.parse('2099-01-01') })),
        SECRET,
        NOW,
      ),
    ).toBeNull();
    const [payload, signature] = token.split('.');
    const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
    expect(verifyUnsubscribeToken(`${flipped}.${signature}`, SECRET, NOW)).toBeNull();
  });

  it('are rejected when the signature was tampered with', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    const [payload, signature] = token.split('.');
    for (const index of [0, 20, signature.length - 1]) {
      // Every variant of the last character too: base64url decoding would accept some of them as the same bytes.
      for (const c of 'AEIMQUYcgkosw048-_BFJ') {
        if (c === signature[index]) continue;
        const changed = signature.slice(0, index) + c + signature.slice(index + 1);
        expect(verifyUnsubscribeToken(`${payload}.${changed}`, SECRET, NOW)).toBeNull();
      }
    }
    expect(verifyUnsubscribeToken(`${payload}.${signature.slice(0, -1)}`, SECRET, NOW)).toBeNull();
    expect(verifyUnsubscribeToken(`${payload}.${signature}A`, SECRET, NOW)).toBeNull();
    expect(verifyUnsubscribeToken(`${payload}.${signature}=`, SECRET, NOW)).toBeNull();
  });

  it('are rejected with another secret', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(verifyUnsubscribeToken(token, `${SECRET}x`, NOW)).toBeNull();
    expect(verifyUnsubscribeToken(signUnsubscribeToken(claims, 'another-secret-of-at-least-32-chars!!'), SECRET, NOW)).toBeNull();
  });

  it('cannot be forged from a plain HMAC of the payload (signatures are bound to this purpose)', () => {
    const [payload] = signUnsubscribeToken(claims, SECRET).split('.');
    const naive = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(verifyUnsubscribeToken(`${payload}.${naive}`, SECRET, NOW)).toBeNull();
  });

  it('expire at expiresAt', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(verifyUnsubscribeToken(token, SECRET, new Date(claims.expiresAt.getTime() - 1))).toEqual(claims);
    expect(verifyUnsubscribeToken(token, SECRET, claims.expiresAt)).toBeNull();
    expect(verifyUnsubscribeToken(token, SECRET, new Date('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abcdef'],
    ['only a dot', '.'],
    ['empty signature', 'eyJwIjoiYSJ9.'],
    ['empty payload', '.abc'],
    ['three parts', 'a.b.c'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['not base64url', 'ab+/cd.ef$gh'],
    ['spaces', 'abc def.ghi'],
    ['unicode', 'héllo.wörld'],
    ['very long', `${'a'.repeat(5000)}.${'b'.repeat(43)}`],
  ])('return null for garbage: %s', (_name, garbage) => {
    expect(verifyUnsubscribeToken(garbage, SECRET, NOW)).toBeNull();
  });

  it('return null for a correctly signed payload of the wrong shape', () => {
    const sign = (body: unknown) => {
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      return `${payload}.${createHmac('sha256', SECRET).update(`tandem.unsubscribe.v1.${payload}`).digest('base64url')}`;
    };
    const valid = { p: claims.practiceId, e: claims.email, k: null, x: claims.expiresAt.getTime() };
    expect(verifyUnsubscribeToken(sign(valid), SECRET, NOW)).not.toBeNull();
    for (const body of [
      null,
      [],
      'text',
      42,
      { ...valid, p: 1 },
      { ...valid, e: null },
      { ...valid, k: 7 },
      { ...valid, x: '2099' },
      { p: valid.p },
    ]) {
      expect(verifyUnsubscribeToken(sign(body), SECRET, NOW)).toBeNull();
    }
  });

  it('return null for a value that is not a string at all', () => {
    expect(verifyUnsubscribeToken(undefined as unknown as string, SECRET, NOW)).toBeNull();
    expect(verifyUnsubscribeToken(['a', 'b'] as unknown as string, SECRET, NOW)).toBeNull();
  });
});
