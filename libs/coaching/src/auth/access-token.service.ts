import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig } from '#tandem/config';
import type { Actor } from '../access/actor.js';
import { USER_ROLES, type UserRole } from '../user/user.entity.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const ISSUER = 'tandem';
const AUDIENCE = 'tandem-api';
/** How far a token's `iat` may lie ahead of this clock (another replica's clock a little ahead). */
const CLOCK_LEEWAY_SECONDS = 30;
/** Verified tokens remembered (one per active session; a few hundred bytes each). */
const VERIFIED_TOKENS = 10_000;

/** A verified access token: who calls, and the session (refresh-token family) it belongs to. */
export interface VerifiedAccessToken {
  actor: Actor;
  sessionId: string;
}

/**
 * Short-lived HS256 access tokens carrying the caller's identity, practice, role and session
 * (`sid`). Only tokens with `exp`, a past `iat`, our `iss` and `aud` are accepted.
 */
@Injectable()
export class AccessTokenService {
  private readonly secret: Uint8Array;
  /** Imported once: given the raw bytes, jose imports a WebCrypto key on every sign and verify (~2 % of a small request's CPU). */
  private cryptoKey?: Promise<webcrypto.CryptoKey>;

  constructor(config: AppConfig) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  private key(): Promise<webcrypto.CryptoKey> {
    return (this.cryptoKey ??= webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]));
  }

  async issue(actor: Actor, sessionId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ pid: actor.practiceId, role: actor.role, cid: actor.clientId, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ACCESS_TOKEN_SECONDS)
      .sign(await this.key());
    return { token, expiresAt: new Date((issuedAt + ACCESS_TOKEN_SECONDS) * 1000) };
  }

  /**
   * Tokens verified lately, with their expiry: a caller sends the same token with every request
   * for its 15 minutes, and its signature cannot change, so it is checked once (WebCrypto's HMAC
   * is an asynchronous job, ~5 % of a small request's CPU); the expiry is checked on every use.
   */
  private readonly verified = new Map<string, { actor: Actor; sessionId: string; expiresAt: number }>();

  /** The actor and session a token names, or null when it is invalid, expired or not ours. */
  async verify(token: string, now = new Date()): Promise<VerifiedAccessToken | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Math.floor(now.getTime() / 1000)) return { actor: { ...known.actor }, sessionId: known.sessionId };
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.key(), {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'sid'],
        currentDate: now,
      });
      // jose checks `iat` only against a maximum age; one from the future is refused here.
      if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.iat > now.getTime() / 1000 + CLOCK_LEEWAY_SECONDS)
        return null;
      const role = payload.role as UserRole;
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.pid !== 'string' ||
        typeof payload.sid !== 'string' ||
        !USER_ROLES.includes(role)
      )
        return null;
      const actor: Actor = {
        userId: payload.sub,
        practiceId: payload.pid,
        role,
        clientId: typeof payload.cid === 'string' ? payload.cid : null,
      };
      // The oldest goes first once the cache is full (Map keeps insertion order).
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { actor: { ...actor }, sessionId: payload.sid, expiresAt: payload.exp });
      return { actor, sessionId: payload.sid };
    } catch {
      return null;
    }
  }
}
