import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// One-time links are secrets: the outbox keeps them encrypted (AES-256-GCM) until sent, then drops them.
function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`tandem-outbox:${secret}`).digest();
}

export function sealText(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function openText(sealed: string, secret: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
