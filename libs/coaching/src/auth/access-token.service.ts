import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig } from '#tandem/config';
import type { Actor } from '../access/actor.js';
import { USER_ROLES, type UserRole } from '../user/user.entity.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const ISSUER = 'tandem';

/** Short-lived HS256 access tokens carrying the caller's identity, practice and role. */
@Injectable()
export class AccessTokenService {
  private readonly secret: Uint8Array;
  /** Imported once: given the raw bytes, jose imports a WebCrypto key on every sign and verify (~2 % of a small request's CPU). */
  private cryptoKey?: Promise<webcrypto.CryptoKey>;

  constructor(config: AppConfig) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  private key(): Promise<webcrypto.CryptoKey> {
    return (this.cryptoKey ??= webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  }

  async issue(actor: Actor, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ pid: actor.practiceId, role: actor.role, cid: actor.clientId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ACCESS_TOKEN_SECONDS)
      .sign(await this.key());
    return { token, expiresAt: new Date((issuedAt + ACCESS_TOKEN_SECONDS) * 1000) };
  }

  /** The actor a token names, or null when it is invalid or expired. */
  async verify(token: string): Promise<Actor | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key(), { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as UserRole;
      if (typeof payload.sub !== 'string' || typeof payload.pid !== 'string' || !USER_ROLES.includes(role)) return null;
      return { userId: payload.sub, practiceId: payload.pid, role, clientId: typeof payload.cid === 'string' ? payload.cid : null };
    } catch {
      return null;
    }
  }
}
