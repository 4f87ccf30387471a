import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a webhook's signature, as Stripe's `Stripe-Signature`. */
export const SIGNATURE_HEADER = 'payment-signature';

/** HMAC-SHA256 (hex) of `<timestamp>.<body>` with the secret: Stripe's `v1` scheme. */
function v1(secret: string, timestampS: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampS}.${body}`, 'utf8').digest('hex');
}

/** The header value for a body sent at `timestampS` (Unix seconds): `t=<timestamp>,v1=<signature>`. */
export function signWebhook(secret: string, body: string, timestampS: number): string {
  return `t=${timestampS},v1=${v1(secret, timestampS, body)}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly problem: SignatureProblem };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks a `t=…,v1=…` header against the raw body as Stripe does: the timestamp within `toleranceS` of now
 * (either way: a replay of an old delivery fails), and any `v1` (several while a secret rotates) equal to the
 * body's HMAC, compared in constant time. Other schemes in the header (`v0=`) are ignored.
 */
export function checkWebhookSignature(
  secret: string,
  body: string,
  header: string | string[] | undefined,
  nowS: number,
  toleranceS: number,
): SignatureCheck {
  if (header === undefined || header === '' || Array.isArray(header)) {
    return { ok: false, problem: header === undefined || header === '' ? 'missing' : 'malformed' };
  }
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) {
      return { ok: false, problem: 'malformed' };
    }
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) {
        return { ok: false, problem: 'malformed' };
      }
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }
  if (timestamp === null || signatures.length === 0) {
    return { ok: false, problem: 'malformed' };
  }
  if (Math.abs(nowS - timestamp) > toleranceS) {
    return { ok: false, problem: 'stale' };
  }
  const expected = Buffer.from(v1(secret, timestamp, body), 'hex');
  const matches = signatures.some(
    (signature) => HEX_SHA256.test(signature) && timingSafeEqual(Buffer.from(signature, 'hex'), expected),
  );
  return matches ? { ok: true } : { ok: false, problem: 'mismatch' };
}
