import type { AppConfig } from '#tandem/config';
import type { Actor } from '../access/actor.js';
import { ACCESS_TOKEN_SECONDS, AccessTokenService } from './access-token.service.js';

const actor: Actor = { userId: '00000000-0000-4000-8000-000000000001', practiceId: '00000000-0000-4000-8000-000000000002', role: 'COACH', clientId: null };
const service = () => new AccessTokenService({ jwtSecret: 'x'.repeat(48) } as AppConfig);

describe('AccessTokenService', () => {
  it('verifies its own token, again from what it remembers, until the token expires', async () => {
    const tokens = service();
    const issuedAt = new Date('2030-01-01T10:00:00Z');
    const { token } = await tokens.issue(actor, issuedAt);
    expect(await tokens.verify(token, issuedAt)).toEqual(actor);
    expect(await tokens.verify(token, new Date(issuedAt.getTime() + 60_000))).toEqual(actor);
    expect(await tokens.verify(token, new Date(issuedAt.getTime() + ACCESS_TOKEN_SECONDS * 1000))).toBeNull();
  });

  it('refuses an expired token it never saw, a tampered one and one signed with another secret', async () => {
    const tokens = service();
    const issuedAt = new Date('2030-01-01T10:00:00Z');
    const { token } = await tokens.issue(actor, issuedAt);
    expect(await service().verify(token, new Date(issuedAt.getTime() + ACCESS_TOKEN_SECONDS * 1000 + 1))).toBeNull();
    const [header, payload, signature] = token.split('.');
    const owner = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'OWNER' })).toString('base64url');
    expect(await tokens.verify(`${header}.${owner}.${signature}`, issuedAt)).toBeNull();
    const other = new AccessTokenService({ jwtSecret: 'y'.repeat(48) } as AppConfig);
    expect(await other.verify(token, issuedAt)).toBeNull();
    expect(await tokens.verify(token, issuedAt)).toEqual(actor);
  });
});
