import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret for a link, a session cookie or a CSRF token (URL-safe). */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** What the database keeps instead of a secret: a stolen copy of it opens nothing. */
export const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Constant-time string comparison, so a guessed token cannot be found byte by byte. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signs sign-in links with a key derived from the bot token (already the service's secret):
 * a forged or truncated link is refused before the database is asked.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(botToken: string) {
    this.key = createHmac('sha256', 'repair-dispatch web login').update(botToken).digest();
  }

  sign(secret: string): string {
    return `${secret}.${this.signature(secret)}`;
  }

  /** The secret inside a signed value, or null when the signature does not match. */
  open(signed: string): string | null {
    const [secret, signature, ...rest] = signed.split('.');
    if (!secret || !signature || rest.length) return null;
    return sameSecret(signature, this.signature(secret)) ? secret : null;
  }

  private signature(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('base64url').slice(0, 22);
  }
}
