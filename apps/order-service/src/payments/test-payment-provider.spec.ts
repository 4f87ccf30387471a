import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderConfig } from '../order.config.js';
import { OrderException } from '../order.errors.js';
import { TestPaymentProvider } from './test-payment-provider.js';
import { checkWebhookSignature, signWebhook } from './webhook-signature.js';

const SECRET = 'whsec_provider-unit-secret';
const EXPIRY = { expMonth: 12, expYear: new Date().getUTCFullYear() + 1 };
const REFERENCE = '0195f6a0-0000-7000-8000-000000000001';

interface Delivery {
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

/** The test provider against a local receiver that refuses its first delivery (a 503), then takes every one. */
describe('TestPaymentProvider', () => {
  let receiver: Server;
  let deliveries: Delivery[];
  let refusals: number;
  let provider: TestPaymentProvider;

  const errorOf = (action: () => unknown): OrderException => {
    try {
      action();
    } catch (error) {
      return error as OrderException;
    }
    throw new Error('no error thrown');
  };

  const delivered = async (count: number): Promise<Delivery[]> => {
    const deadline = Date.now() + 5_000;
    while (deliveries.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return deliveries;
  };

  beforeEach(async () => {
    deliveries = [];
    refusals = 0;
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (refusals === 0) {
          refusals += 1;
          response.writeHead(503).end();
          return;
        }
        deliveries.push({ body, headers: request.headers });
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const config = Object.assign(new OrderConfig(), {
      PAYMENT_WEBHOOK_SECRET: SECRET,
      PAYMENT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payments/webhooks`,
    });
    provider = new TestPaymentProvider(config, pino({ level: 'silent' }));
  });

  afterEach(async () => {
    await provider.onApplicationShutdown();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('turns a test card into a token that names the card but never carries its number', async () => {
    const card = provider.tokenize({ number: '4242424242424242', ...EXPIRY });
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', ...EXPIRY });
    expect(card.token).not.toContain('4242424242424242');
    expect(Buffer.from(card.token.slice(9).split('.')[0], 'base64url').toString()).not.toContain(
      '424242424242',
    );
    expect(await provider.describeToken(card.token)).toEqual({ brand: 'visa', last4: '4242', ...EXPIRY });
    // A token edited by its holder (another behaviour, another card) is no token.
    const [payload, mac] = card.token.slice(9).split('.');
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('succeeds', 'declined'),
    ).toString('base64url');
    expect(await provider.describeToken(`tok_test_${edited}.${mac}`)).toBeNull();
    expect(await provider.describeToken('tok_visa')).toBeNull();
  });

  it('refuses numbers that are not its test cards, and expired cards', () => {
    expect(errorOf(() => provider.tokenize({ number: '4111111111111111', ...EXPIRY })).code).toBe(
      'CARD_NUMBER_INVALID',
    );
    expect(
      errorOf(() => provider.tokenize({ number: '4242424242424242', expMonth: 1, expYear: 2020 })).code,
    ).toBe('CARD_EXPIRED');
  });

  it('authorizes and captures a good card, telling both again in signed webhooks retried until taken', async () => {
    const { token } = provider.tokenize({ number: '4242424242424242', ...EXPIRY });
    const request = { reference: REFERENCE, amountMinor: 1500, currency: 'KZT' };
    const authorized = await provider.authorize({ ...request, token });
    expect(authorized.ok).toBe(true);
    expect(authorized.providerPaymentId).toMatch(/^pi_test_/);
    // The same request again (a retry) gets the same answer: the provider keys it on the reference.
    expect(await provider.authorize({ ...request, token })).toEqual(authorized);
    const captured = await provider.capture({ ...request, providerPaymentId: authorized.providerPaymentId! });
    expect(captured.ok).toBe(true);

    const sent = await delivered(2);
    expect(refusals).toBe(1);
    const events = sent.map(({ body, headers }) => {
      const header = headers['payment-signature'];
      expect(checkWebhookSignature(SECRET, body, header, Math.floor(Date.now() / 1000), 300)).toEqual({
        ok: true,
      });
      return provider.verifyWebhook(body, headers);
    });
    expect(events.map((event) => event.type).sort()).toEqual(['payment.authorized', 'payment.captured']);
    for (const event of events) {
      expect(event).toMatchObject({
        reference: REFERENCE,
        amountMinor: 1500,
        currency: 'KZT',
        failure: null,
      });
    }
  });

  it('fails the failure cards with their reasons', async () => {
    const request = { reference: REFERENCE, amountMinor: 100, currency: 'KZT' };
    const pay = async (number: string, reference = REFERENCE) =>
      provider.authorize({ ...request, reference, token: provider.tokenize({ number, ...EXPIRY }).token });
    expect(await pay('4000000000000002', '0195f6a0-0000-7000-8000-000000000002')).toMatchObject({
      ok: false,
      failure: { code: 'card_declined' },
    });
    expect(await pay('4000000000009995', '0195f6a0-0000-7000-8000-000000000003')).toMatchObject({
      ok: false,
      failure: { code: 'insufficient_funds' },
    });
    const authorized = await pay('4000000000000341', '0195f6a0-0000-7000-8000-000000000004');
    expect(authorized.ok).toBe(true);
    expect(
      await provider.capture({
        ...request,
        reference: '0195f6a0-0000-7000-8000-000000000004',
        providerPaymentId: authorized.providerPaymentId!,
      }),
    ).toMatchObject({ ok: false, failure: { code: 'capture_failed' } });
  });

  it('refuses a webhook it did not sign with WEBHOOK_SIGNATURE_INVALID, and a signed non-event as WEBHOOK_PAYLOAD_INVALID', () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'payment.captured', data: { object: {} } });
    const now = Math.floor(Date.now() / 1000);
    expect(errorOf(() => provider.verifyWebhook(body, {})).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(
      errorOf(() =>
        provider.verifyWebhook(body, { 'payment-signature': signWebhook('whsec_other', body, now) }),
      ).code,
    ).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(
      errorOf(() => provider.verifyWebhook(body, { 'payment-signature': signWebhook(SECRET, body, now) }))
        .code,
    ).toBe('WEBHOOK_PAYLOAD_INVALID');
  });
});
