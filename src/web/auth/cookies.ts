import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'rd_session';

/** One cookie from the request header (no cookie-parser needed for a single value). */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent with cross-site POSTs; Lax rather than
 * Strict so the link opened from Telegram keeps the session on its redirect), Secure behind HTTPS.
 */
export function setSessionCookie(
  response: Response,
  value: string,
  expires: Date,
  secure: boolean,
): void {
  response.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/web',
    expires,
  });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/web' });
}
