import { eventually, png } from '@agora/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, fillCheckout, moveOrderToIssued, orderStatus, WebPlatform } from './support/browser.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const COFFEE_NAME = 'Rwanda Nyamasheke Journeytest';

/**
 * The whole chain in one browser journey, each step clicked on the page the step before led to: a
 * newcomer registers, confirms the mailed code and signs in; searches the coffee selection, opens a coffee,
 * checks in and writes in its discussion, which a second signed-in user reads live; becomes a seller (the
 * application on the page, an admin's approval through the API), lists a watch with a photo; the second user
 * buys it with the test card; the newcomer moves the order to issued and the buyer reads it on the timeline.
 * Axe and a screenshot of every page on the way.
 */
describe('one journey through the web app', () => {
  let web: WebPlatform;
  let newcomer: BrowserContext;
  let buyer: BrowserContext;
  let page: Page;
  let buyerPage: Page;
  let coffeeId = '';
  let listingUrl = '';
  let orderUrl = '';
  const stamp = Date.now().toString(36);
  const email = `journey-${stamp}@example.com`;
  const login = `journey_${stamp}`;
  const password = 'a journey through every page';
  const shopName = `Journey Watches ${stamp}`;
  const listingTitle = `Poljot Sturmanskie ${stamp}`;
  const note = `Stone fruit and black tea ${stamp}`;
  const message = `Anyone tried it as a cold brew? ${stamp}`;

  /** A link of the header's navigation. */
  const navLink = (on: Page, name: string) =>
    on.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name });

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_journey', { demoItems: 200 });
    // A coffee of the journey's own (a unique name to search, no ratings yet), made through the API.
    const moderator = await web.clientOf('moderator');
    const { data: roasters } = await moderator.GET('/dictionaries/{kind}', {
      params: { path: { kind: 'roasters' }, query: { sort: 'name', limit: 1 } },
    });
    const created = await moderator.POST('/coffees', {
      body: {
        name: COFFEE_NAME,
        roasterId: roasters!.items[0].id,
        variety: 'Red Bourbon',
        roastLevel: 'medium',
      },
    });
    expect(created.response.status).toBe(201);
    coffeeId = (created.data as { id: string }).id;
    await eventually(async () => {
      const room = await moderator.GET('/items/{kind}/{id}/discussion', {
        params: { path: { kind: 'coffee', id: coffeeId } },
      });
      expect(room.data?.id).toBeTruthy();
      return room.data;
    });
    newcomer = await web.newContext();
    buyer = await web.signedInContext('user');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('registers, confirms the mailed code and signs in to the home feed', async () => {
    page = await web.open(newcomer, '/');
    await navLink(page, 'Register').click();
    await page.getByRole('heading', { level: 1, name: 'Register' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await checkPage(page, 'journey-register');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByLabel('Six-digit code').fill(await web.mailedCode(email));
    await checkPage(page, 'journey-register-code');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your address is confirmed').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();

    await page.getByLabel('Login or e-mail').fill(login);
    await page.getByLabel('Password').fill(password);
    await checkPage(page, 'journey-sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    await checkPage(page, 'journey-home');
  });

  it('searches the coffee selection, opens the coffee and checks in with a rating', async () => {
    await navLink(page, 'Coffee').click();
    await page.getByRole('heading', { level: 1, name: 'Coffee' }).waitFor();
    await page.getByLabel('Search coffee').fill('Nyamasheke Journeytest');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=Nyamasheke\+Journeytest/);
    const result = page.getByRole('link', { name: COFFEE_NAME });
    await result.waitFor();
    await checkPage(page, 'journey-coffees');

    await result.click();
    await page.waitForURL(`**/coffees/${coffeeId}`);
    await page.getByRole('heading', { level: 1, name: COFFEE_NAME }).waitFor();
    await page.getByLabel('Your rating').selectOption('4');
    await page.getByLabel('Served as').selectOption({ label: 'Pour-over' });
    await page.getByLabel('Note').fill(note);
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Checked in. Thank you!').waitFor();
    await page.getByText(note).waitFor();
    expect(await page.getByTestId('rating-count').innerText()).toBe('Ratings: 1');
  });

  it('writes in the coffee’s discussion and a second signed-in user reads it live', async () => {
    buyerPage = await web.open(buyer, `/coffees/${coffeeId}`);
    await buyerPage.getByText('Live', { exact: true }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();

    await page.getByLabel('Your message').fill(message);
    await page.getByRole('button', { name: 'Send' }).click();
    await buyerPage.getByRole('log', { name: 'Discussion' }).getByText(message).waitFor();
    await page.getByRole('log', { name: 'Discussion' }).getByText(message).waitFor();
    await checkPage(page, 'journey-coffee-card');
    await checkPage(buyerPage, 'journey-coffee-card-second-user');
  });

  it('applies to sell, is approved by an admin, and lists a watch with a photo', async () => {
    await navLink(page, 'Marketplace').click();
    await page.getByRole('heading', { level: 1, name: 'Marketplace' }).waitFor();
    // Not a seller yet: the new listing's page offers the application instead.
    await page.getByRole('link', { name: 'Sell something' }).click();
    await page.getByRole('heading', { level: 2, name: 'Only sellers can list items.' }).waitFor();
    await page.getByLabel('Shop name').fill(shopName);
    await page.getByLabel('What you sell').fill('Soviet pilot watches, serviced');
    await page.getByLabel('Contact e-mail').fill(email);
    await checkPage(page, 'journey-apply');
    await page.getByRole('button', { name: 'Apply to sell' }).click();
    await page.getByText('Application sent: it is pending.').waitFor();

    const admin = await web.clientOf('admin');
    const { data: pending } = await admin.GET('/sellers/applications', {
      params: { query: { filter: { status: { eq: 'pending' } } } },
    });
    const application = pending?.items.find((item) => item.shopName === shopName);
    expect(application, JSON.stringify(pending)).toBeTruthy();
    const approved = await admin.PUT('/sellers/applications/{id}/approval', {
      params: { path: { id: application!.id } },
      body: { message: 'Welcome to the marketplace.' },
    });
    expect(approved.response.status, JSON.stringify(approved.error)).toBe(200);

    // The role reaches auth by its event: the same page shows the listing form once the account is a seller.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'New listing' }).waitFor();
          await page.getByRole('button', { name: /Create listing|Apply to sell/ }).waitFor();
          return page.getByLabel('Title').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await page.getByLabel('Title').fill(listingTitle);
    await page.getByLabel('Description').fill('Chronograph, 3133 calibre, serviced this year.');
    await page.getByLabel('Price', { exact: true }).fill('18000');
    await page.getByLabel('Choose photos').setInputFiles({
      name: 'sturmanskie.png',
      mimeType: 'image/png',
      buffer: await png(320, 240, 60),
    });
    await expect(page.getByLabel('Side of sturmanskie.png').inputValue()).resolves.toBe('main');
    await checkPage(page, 'journey-new-listing');
    await page.getByRole('button', { name: 'Create listing' }).click();
    // The first upload also warms media-service's decoders: give it time on a busy machine.
    await page.waitForURL(new RegExp(`/listings/${UUID}$`), { timeout: 60_000 });
    listingUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: listingTitle }).waitFor();
    await page.getByRole('img', { name: `${listingTitle}: Main` }).waitFor();
    await checkPage(page, 'journey-listing-own');
  });

  it('lets the second user find the listing, put it in the cart and pay with the test card', async () => {
    await navLink(buyerPage, 'Marketplace').click();
    await buyerPage.getByRole('heading', { level: 1, name: 'Marketplace' }).waitFor();
    await buyerPage.getByLabel('Search').fill(`Sturmanskie ${stamp}`);
    await buyerPage.getByRole('button', { name: 'Show' }).click();
    const card = buyerPage.getByRole('link', { name: listingTitle });
    await card.waitFor();
    await checkPage(buyerPage, 'journey-listings');
    await card.click();
    await buyerPage.waitForURL(`**${listingUrl}`);
    await buyerPage.getByRole('link', { name: login }).waitFor();
    await buyerPage.getByRole('button', { name: 'Add to cart' }).click();
    await buyerPage.getByText('Added to your cart.').waitFor();
    await checkPage(buyerPage, 'journey-listing');

    await buyerPage.getByRole('link', { name: 'Go to the cart' }).click();
    await buyerPage.getByRole('heading', { level: 1, name: 'Cart' }).waitFor();
    await buyerPage.getByRole('link', { name: listingTitle }).waitFor();
    await checkPage(buyerPage, 'journey-cart');
    await buyerPage.getByRole('link', { name: 'Check out' }).click();
    await buyerPage.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(buyerPage, { street: 'Tverskaya 7', city: 'Moscow', postalCode: '125009' });
    await checkPage(buyerPage, 'journey-checkout');
    await buyerPage.getByRole('button', { name: 'Place order' }).click();
    await buyerPage.waitForURL(new RegExp(`/orders/${UUID}$`));
    orderUrl = new URL(buyerPage.url()).pathname;
    await expect.poll(() => orderStatus(buyerPage).textContent(), { timeout: 15_000 }).toBe('paid');
    await checkPage(buyerPage, 'journey-order-paid');
  });

  it('lets the new seller move the order to issued, and the buyer reads it on the timeline', async () => {
    await navLink(page, 'Orders').click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await checkPage(page, 'journey-orders');
    await page.getByRole('main').getByRole('link', { name: 'To fulfil' }).click();
    await page.getByRole('heading', { level: 2, name: 'To fulfil' }).waitFor();
    const link = page.locator(`a[href="${orderUrl}"]`);
    await link.waitFor();
    await checkPage(page, 'journey-orders-seller');
    await link.click();
    await page.waitForURL(`**${orderUrl}`);
    await moveOrderToIssued(page);
    await checkPage(page, 'journey-order-seller');

    await buyerPage.reload();
    await expect.poll(() => orderStatus(buyerPage).textContent()).toBe('issued');
    const steps = buyerPage.getByRole('region', { name: 'Status history' }).getByRole('listitem');
    await expect(steps.last().textContent()).resolves.toMatch(/^issued .*\(by the seller\)$/);
    await checkPage(buyerPage, 'journey-order-timeline');
  });
});
