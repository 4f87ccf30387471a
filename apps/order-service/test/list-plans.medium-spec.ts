import type { ListQuerySpec } from '@agora/list-query';
import {
  AuthTestClient,
  createIsolatedDatabase,
  ListPlanCheck,
  provisionAllServices,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { ADDRESS_LIST_QUERY } from '../src/addresses/addresses.dto.js';
import { FAVOURITE_LIST_QUERY } from '../src/favourites/favourites.dto.js';
import { ORDER_LIST_QUERY } from '../src/orders/orders.dto.js';
import { orderServiceDefinition } from '../src/order-service.definition.js';
import { PAYMENT_METHOD_LIST_QUERY } from '../src/payments/payments.dto.js';
import { SELLER_REPORT_LIST_QUERY } from '../src/seller-reports/seller-reports.dto.js';
import { SELLER_APPLICATION_LIST_QUERY } from '../src/sellers/sellers.dto.js';

/** Rows per seeded table (the buyer's favourites are half of theirs). */
const ROWS = 20_000;
const ADMIN = { email: 'plans-admin@example.com', login: 'plans_admin', password: 'plans admin passphrase' };

/**
 * order-service's list routes by their default sort and each allow-listed field both ways, with their next
 * pages: on seeded, analysed tables each page walks an index, never the whole table
 * (docs/adr/0006-list-engine.md).
 */
describe('order-service list plans', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let admin: pg.Client;
  let plans: ListPlanCheck;
  let buyer: { id: string; accessToken: string };
  let seller: { id: string; accessToken: string };
  let adminToken: string;

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'order_list_plans');
    await provisionAllServices(database.adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(
      database.adminUrl,
      [authServiceDefinition, orderServiceDefinition],
      {
        SMTP_URL: inbox.url,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_LOGIN: ADMIN.login,
        ADMIN_PASSWORD: ADMIN.password,
      },
    );
    const auth = new AuthTestClient(platform.services.auth.url, inbox);
    buyer = await auth.signedIn('plans_buyer');
    seller = await auth.signedIn('plans_seller');
    const signIn = await auth.call<{ accessToken: string }>('POST', '/authentication', {
      body: { login: ADMIN.login, password: ADMIN.password },
    });
    expect(signIn.status).toBe(200);
    adminToken = signIn.body.accessToken;
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    await admin.query(
      `INSERT INTO orders.offers (item_id, kind, title, seller_id, status, price_minor, currency, stock, version)
       SELECT gen_random_uuid(), 'listing', 'listing ' || n, gen_random_uuid(), 'active', 2500, 'EUR', 1, 1
         FROM generate_series(1, ${ROWS}) n`,
    );
    await admin.query(
      `INSERT INTO orders.favourites (id, buyer_id, listing_id, created_at)
       SELECT gen_random_uuid(), CASE WHEN row_number() OVER () % 2 = 0 THEN $1::uuid ELSE gen_random_uuid() END,
              item_id, now() - random() * interval '30 days'
         FROM orders.offers WHERE kind = 'listing'`,
      [buyer.id],
    );
    await admin.query(
      `INSERT INTO orders.seller_applications (id, created_at, user_id, shop_name, description, contact_email, status)
       SELECT gen_random_uuid(), now() - n * interval '1 minute', gen_random_uuid(), 'shop ' || n, 'sells',
              'shop' || n || '@example.com', (ARRAY['pending', 'approved', 'rejected'])[1 + n % 3]
         FROM generate_series(1, ${ROWS}) n`,
    );
    await admin.query(
      `INSERT INTO orders.seller_reports (id, created_at, reporter_id, seller_id, reason, text, status)
       SELECT gen_random_uuid(), now() - n * interval '1 minute', gen_random_uuid(), gen_random_uuid(), 'scam',
              'report ' || n, (ARRAY['open', 'resolved'])[1 + n % 2]
         FROM generate_series(1, ${ROWS}) n`,
    );
    // Orders: a tenth are the buyer's, a tenth the seller's (the seller is the seller user), the rest others'.
    await admin.query(
      `INSERT INTO orders.orders (id, created_at, checkout_id, buyer_id, seller_id, status, payment_method, currency,
                                  total_minor, address)
       SELECT gen_random_uuid(), now() - n * interval '1 minute', gen_random_uuid(),
              CASE WHEN n % 10 = 0 THEN $1::uuid ELSE gen_random_uuid() END,
              CASE WHEN n % 10 = 1 THEN $2::uuid ELSE gen_random_uuid() END,
              (ARRAY['created', 'paid', 'in_stock', 'issued'])[1 + (n / 10) % 4], 'cash_on_delivery', 'EUR', 2500 + n,
              '{"line1": "Tverskaya 1", "city": "Moscow", "postalCode": "125009", "country": "RU"}'::jsonb
         FROM generate_series(1, ${ROWS}) n`,
      [buyer.id, seller.id],
    );
    await admin.query(
      `INSERT INTO orders.addresses (id, created_at, user_id, line1, city, postal_code, country)
       SELECT gen_random_uuid(), now() - n * interval '1 minute',
              CASE WHEN n % 200 = 0 THEN $1::uuid ELSE gen_random_uuid() END, 'Tverskaya ' || n, 'Moscow', '125009', 'RU'
         FROM generate_series(1, ${ROWS}) n`,
      [buyer.id],
    );
    await admin.query(
      `INSERT INTO orders.payment_methods
         (id, created_at, user_id, provider, provider_token, brand, last4, exp_month, exp_year)
       SELECT gen_random_uuid(), now() - random() * interval '30 days',
              CASE WHEN n % 2 = 0 THEN $1::uuid ELSE gen_random_uuid() END, 'test', 'tok_test_' || n, 'visa',
              '4242', 12, 2030
         FROM generate_series(1, ${ROWS}) n`,
      [buyer.id],
    );
    await admin.query('VACUUM ANALYZE');
    plans = new ListPlanCheck(admin);
  }, 120_000);

  afterAll(async () => {
    plans?.close();
    await admin?.end();
    await platform?.close();
    await inbox?.close();
    await database?.drop();
  });

  const routes: { path: string; table: string; spec: ListQuerySpec; token: () => string; as?: string }[] = [
    {
      path: '/me/favourites',
      table: 'favourites',
      spec: FAVOURITE_LIST_QUERY,
      token: () => buyer.accessToken,
    },
    {
      path: '/sellers/applications',
      table: 'seller_applications',
      spec: SELLER_APPLICATION_LIST_QUERY,
      token: () => adminToken,
    },
    {
      path: '/payment-methods',
      table: 'payment_methods',
      spec: PAYMENT_METHOD_LIST_QUERY,
      token: () => buyer.accessToken,
    },
    {
      path: '/seller-reports',
      table: 'seller_reports',
      spec: SELLER_REPORT_LIST_QUERY,
      token: () => adminToken,
    },
  ];

  /** `GET /orders` as one reader: `as` goes in front of the list query. */
  const orders = (as: 'buyer' | 'seller' | 'all', token: () => string) => ({
    path: `/orders`,
    table: 'orders',
    spec: ORDER_LIST_QUERY,
    token,
    as,
  });
  routes.push(
    { path: '/addresses', table: 'addresses', spec: ADDRESS_LIST_QUERY, token: () => buyer.accessToken },
    orders('buyer', () => buyer.accessToken),
    orders('seller', () => seller.accessToken),
    orders('all', () => adminToken),
  );

  it.each(routes)('$path picks its page by index for every sort and cursor', async (route) => {
    const client = new AuthTestClient(platform.services.order.url, inbox);
    const get = (target: string) =>
      client.call('GET', route.as ? target.replace('?', `?as=${route.as}&`) : target, {
        token: route.token(),
      });
    await plans.expectRouteIndexed({
      path: route.path,
      table: route.table,
      sortable: route.spec.sortable ?? Object.keys(route.spec.fields),
      get,
    });
    // The queues as staff read them: what waits, oldest first.
    if (route.table === 'orders') {
      // What a seller packs next and what an admin watches: one state, newest first, and its next page.
      const next = await plans.expectIndexed({ ...route, sortable: [], get }, `filter[status]=paid`);
      await plans.expectIndexed(
        { ...route, sortable: [], get },
        `filter[status]=paid&cursor=${encodeURIComponent(next!)}`,
      );
    } else if (!['favourites', 'addresses', 'payment_methods'].includes(route.table)) {
      const waiting = route.table === 'seller_reports' ? 'open' : 'pending';
      const next = await plans.expectIndexed({ ...route, sortable: [], get }, `filter[status]=${waiting}`);
      await plans.expectIndexed(
        { ...route, sortable: [], get },
        `filter[status]=${waiting}&cursor=${encodeURIComponent(next!)}`,
      );
    }
  });
});
