import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-repair-dispatch-signature';

/** What is signed: the timestamp and the exact body, so neither can be replayed with the other. */
const signed = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signatureHeader = (secret: string, timestamp: number, body: string) =>
  `t=${timestamp},v1=${signed(secret, timestamp, body)}`;

/**
 * The receiver's check (docs/api.md shows the same in a few lines): the signature matches and
 * the timestamp is within `toleranceSeconds` of now, so an old delivery cannot be replayed.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  const expected = Buffer.from(signed(secret, timestamp, body), 'hex');
  return (
    Number.isInteger(timestamp) &&
    Math.abs(nowSeconds - timestamp) <= toleranceSeconds &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
}
