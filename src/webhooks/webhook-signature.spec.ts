import { signatureHeader, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-long-webhook-secret-0123456789';
  const body = '{"id":"order.accepted:42:v3"}';
  const now = 1_800_000_000;

  it('verifies what it signed, within the tolerance', () => {
    const header = signatureHeader(secret, now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, now + 299)).toBe(true);
  });

  it('refuses another secret, a changed body, an old timestamp and a malformed header', () => {
    const header = signatureHeader(secret, now, body);
    expect(verifySignature('another-secret-0123456789', header, body, now)).toBe(false);
    expect(verifySignature(secret, header, `${body} `, now)).toBe(false);
    expect(verifySignature(secret, header, body, now + 301)).toBe(false);
    // The timestamp is signed too: moving it forward breaks the signature.
    expect(verifySignature(secret, header.replace(`t=${now}`, `t=${now + 60}`), body, now)).toBe(
      false,
    );
    expect(verifySignature(secret, 'v1=abc', body, now)).toBe(false);
    expect(verifySignature(secret, '', body, now)).toBe(false);
  });
});
