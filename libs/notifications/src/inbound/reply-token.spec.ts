import { replyAddress, replyTokenOf, signReplyToken, verifyReplyToken } from './reply-token.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = new Date('2026-12-08T10:00:00Z');
const CLAIMS = {
  userId: '3f0c7a52-8d9e-4b1a-9c2d-1e2f3a4b5c6d',
  engagementId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  expiresAt: new Date('2027-01-07T10:00:00Z'),
};

describe('reply tokens', () => {
  it('round-trips the claims, whatever the case of the address', () => {
    const token = signReplyToken(CLAIMS, SECRET);
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(verifyReplyToken(token, SECRET, NOW)).toEqual(CLAIMS);
    expect(verifyReplyToken(token.toUpperCase(), SECRET, NOW)).toEqual(CLAIMS);
  });

  it('refuses another secret, a changed character, a cut token and an expired one', () => {
    const token = signReplyToken(CLAIMS, SECRET);
    expect(verifyReplyToken(token, `${SECRET}x`, NOW)).toBeNull();
    expect(verifyReplyToken(token.slice(0, 5) + (token[5] === 'a' ? 'b' : 'a') + token.slice(6), SECRET, NOW)).toBeNull();
    expect(verifyReplyToken(token.slice(0, -1), SECRET, NOW)).toBeNull();
    expect(verifyReplyToken(`${token}a`, SECRET, NOW)).toBeNull();
    expect(verifyReplyToken(token, SECRET, CLAIMS.expiresAt)).toBeNull();
    expect(verifyReplyToken('not base32!', SECRET, NOW)).toBeNull();
  });

  it('reads the token of reply+<token>@<domain> only at that domain', () => {
    const address = replyAddress('abc234', 'reply.tandem.test');
    expect(address).toBe('reply+abc234@reply.tandem.test');
    expect(replyTokenOf('REPLY+ABC234@Reply.Tandem.Test', 'reply.tandem.test')).toBe('abc234');
    expect(replyTokenOf('reply+abc234@other.test', 'reply.tandem.test')).toBeNull();
    expect(replyTokenOf('someone@reply.tandem.test', 'reply.tandem.test')).toBeNull();
    expect(replyTokenOf('reply+@reply.tandem.test', 'reply.tandem.test')).toBeNull();
  });
});
