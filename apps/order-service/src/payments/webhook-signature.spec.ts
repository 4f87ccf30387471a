import { describe, expect, it } from 'vitest';
import { checkWebhookSignature, signWebhook } from './webhook-signature.js';

const SECRET = 'whsec_unit-test-secret';
const BODY = '{"id":"evt_1","type":"payment.captured"}';
const NOW = 1_796_000_000;

describe('webhook signatures (t=…,v1=…)', () => {
  const check = (header: string | string[] | undefined, body = BODY, now = NOW) =>
    checkWebhookSignature(SECRET, body, header, now, 300);

  it('accepts its own signature of the exact body within the tolerance, either way', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(header).toMatch(/^t=1796000000,v1=[0-9a-f]{64}$/);
    expect(check(header)).toEqual({ ok: true });
    expect(check(header, BODY, NOW + 300)).toEqual({ ok: true });
    expect(check(header, BODY, NOW - 300)).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, or a stale or future timestamp', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    expect(check(header, `${BODY} `)).toEqual({ ok: false, problem: 'mismatch' });
    expect(check(signWebhook('whsec_other-secret', BODY, NOW))).toEqual({ ok: false, problem: 'mismatch' });
    expect(check(header, BODY, NOW + 301)).toEqual({ ok: false, problem: 'stale' });
    expect(check(header, BODY, NOW - 301)).toEqual({ ok: false, problem: 'stale' });
    // The timestamp is signed: moving it forward to look fresh breaks the signature.
    expect(check(header.replace(`t=${NOW}`, `t=${NOW + 10}`))).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('takes any v1 of several (a secret being rotated) and ignores other schemes', () => {
    const good = signWebhook(SECRET, BODY, NOW).split(',')[1];
    expect(check(`t=${NOW},v0=abc,v1=${'0'.repeat(64)},${good}`)).toEqual({ ok: true });
  });

  it('names a missing or malformed header', () => {
    const good = signWebhook(SECRET, BODY, NOW);
    expect(check(undefined)).toEqual({ ok: false, problem: 'missing' });
    expect(check('')).toEqual({ ok: false, problem: 'missing' });
    expect(check([good, good])).toEqual({ ok: false, problem: 'malformed' });
    expect(check('garbage')).toEqual({ ok: false, problem: 'malformed' });
    expect(check(`t=${NOW}`)).toEqual({ ok: false, problem: 'malformed' });
    expect(check(good.split(',')[1])).toEqual({ ok: false, problem: 'malformed' });
    expect(check(`t=soon,${good.split(',')[1]}`)).toEqual({ ok: false, problem: 'malformed' });
    expect(check(`t=${NOW},t=${NOW},${good.split(',')[1]}`)).toEqual({ ok: false, problem: 'malformed' });
    // A v1 that is not 64 hex digits never matches (and never throws on unequal lengths).
    expect(check(`t=${NOW},v1=abcd`)).toEqual({ ok: false, problem: 'mismatch' });
    expect(check(`t=${NOW},v1=${'z'.repeat(64)}`)).toEqual({ ok: false, problem: 'mismatch' });
  });
});
