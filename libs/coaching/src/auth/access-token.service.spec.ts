import { SignJWT } from 'jose';
import type { AppConfig } from '#tandem/config';
import type { Actor } from '../access/actor.js';
import { ACCESS_TOKEN_SECONDS, AccessTokenService } from './access-token.service.js';

const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  practiceId: '00000000-0000-4000-8000-000000000002',
  role: 'COACH',
  clientId: null,
};
const SESSION = '00000000-0000-4000-8000-000000000003';
const service = () => new AccessTokenService({ jwtSecret: 'x'.repeat(48) } as AppConfig);

describe('AccessTokenService', () => {
  it('verifies its own token, again from what it remembers, until the token expires', async () => {
    const tokens = service();
    const issuedAt = new Date('2030-01-01T10:00:00Z');
    const { token } = await tokens.issue(actor, SESSION, issuedAt);
    expect(await tokens.verify(token, issuedAt)).toEqual({ actor, sessionId: SESSION });
    expect(await tokens.verify(token, new Date(issuedAt.getTime() + 60_000))).toEqual({ actor, sessionId: SESSION });
    expect(await tokens.verify(token, new Date(issuedAt.getTime() + ACCESS_TOKEN_SECONDS * 1000))).toBeNull();
  });

  it('refuses an expired token it never saw, a tampered one and one signed with another secret', async () => {
    const tokens = service();
    const issuedAt = new Date('2030-01-01T10:00:00Z');
    const { token } = await tokens.issue(actor, SESSION, issuedAt);
    expect(await service().verify(token, new Date(issuedAt.getTime() + ACCESS_TOKEN_SECONDS * 1000 + 1))).toBeNull();
    const [header, payload, signature] = token.split('.');
    const owner = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'OWNER' })).toString(
      'base64url',
    );
    expect(await tokens.verify(`${header}.${owner}.${signature}`, issuedAt)).toBeNull();
    const other = new AccessTokenService({ jwtSecret: 'y'.repeat(48) } as AppConfig);
    expect(await other.verify(token, issuedAt)).toBeNull();
    expect(await tokens.verify(token, issuedAt)).toEqual({ actor, sessionId: SESSION });
  });
});

describe('AccessTokenService refuses tokens signed with our secret but not of our shape', () => {
  const secret = new TextEncoder().encode('x'.repeat(48));
  const now = new Date('2030-01-01T10:00:00Z');
  const at = Math.floor(now.getTime() / 1000);
  const claims = { pid: actor.practiceId, role: actor.role, cid: null, sid: SESSION };
  const sign = (build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(actor.userId)).sign(secret);
  const complete = (jwt: SignJWT) =>
    jwt
      .setIssuer('tandem')
      .setAudience('tandem-api')
      .setIssuedAt(at)
      .setExpirationTime(at + 900);

  it('accepts the complete shape (the control)', async () => {
    expect(await service().verify(await sign(complete), now)).toEqual({ actor, sessionId: SESSION });
  });

  it.each([
    ['no exp', (jwt: SignJWT) => jwt.setIssuer('tandem').setAudience('tandem-api').setIssuedAt(at)],
    [
      'no iat',
      (jwt: SignJWT) =>
        jwt
          .setIssuer('tandem')
          .setAudience('tandem-api')
          .setExpirationTime(at + 900),
    ],
    [
      'an iat in the future',
      (jwt: SignJWT) =>
        jwt
          .setIssuer('tandem')
          .setAudience('tandem-api')
          .setIssuedAt(at + 120)
          .setExpirationTime(at + 900),
    ],
    [
      'another issuer',
      (jwt: SignJWT) =>
        jwt
          .setIssuer('someone-else')
          .setAudience('tandem-api')
          .setIssuedAt(at)
          .setExpirationTime(at + 900),
    ],
    [
      'no issuer',
      (jwt: SignJWT) =>
        jwt
          .setAudience('tandem-api')
          .setIssuedAt(at)
          .setExpirationTime(at + 900),
    ],
    [
      'another audience',
      (jwt: SignJWT) =>
        jwt
          .setIssuer('tandem')
          .setAudience('tandem-admin')
          .setIssuedAt(at)
          .setExpirationTime(at + 900),
    ],
    [
      'no audience',
      (jwt: SignJWT) =>
        jwt
          .setIssuer('tandem')
          .setIssuedAt(at)
          .setExpirationTime(at + 900),
    ],
  ])('refuses a token with %s', async (_shape, build) => {
    expect(await service().verify(await sign(build), now)).toBeNull();
  });

  it('refuses a token without a session id', async () => {
    const token = await complete(
      new SignJWT({ pid: actor.practiceId, role: actor.role }).setProtectedHeader({ alg: 'HS256' }).setSubject(actor.userId),
    ).sign(secret);
    expect(await service().verify(token, now)).toBeNull();
  });

  it('allows an iat a few seconds ahead (another replica clock)', async () => {
    const token = await sign((jwt) =>
      jwt
        .setIssuer('tandem')
        .setAudience('tandem-api')
        .setIssuedAt(at + 10)
        .setExpirationTime(at + 900),
    );
    expect(await service().verify(token, now)).toEqual({ actor, sessionId: SESSION });
  });
});
