import sharp from 'sharp';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, fillCheckout, moveOrderToIssued, orderStatus, WebPlatform } from './support/browser.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TITLE = 'Vostok Amphibia 1980s, runs well';

/** A small real photo: a gradient PNG, so media-service decodes it and paints a blurhash. */
async function testPhoto(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      pixels[at] = Math.round((x / width) * 255);
      pixels[at + 1] = Math.round((y / height) * 200);
      pixels[at + 2] = 90;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * Issue 20's market flow in a browser against `npm start`'s platform: a seller lists a watch with a photo, a buyer
 * finds it, keeps it in favourites, puts it in the cart and pays by the test card; the seller moves the order to
 * issued and the buyer reads the timeline. Every page gets axe and a screenshot.
 */
describe('market pages in a browser', () => {
  let web: WebPlatform;
  let seller: BrowserContext;
  let buyer: BrowserContext;

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web-market', { demoItems: 200 });
    seller = await web.signedInContext('seller');
    buyer = await web.signedInContext('user');
  });

  afterAll(async () => {
    await web?.close();
  });

  let listingUrl = '';
  let orderUrl = '';

  it('lets a seller list a watch with tags, a characteristic and a photo', async () => {
    const page = await web.open(seller, '/listings/new');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('New listing');
    // Errors stand beside their fields: a listing without a title or price is refused by the API.
    await page.getByRole('button', { name: 'Create listing' }).click();
    await page.locator('.field__error').first().waitFor();
    await checkPage(page, 'market-new-listing-errors');

    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Description').fill('Full set, original bracelet. Serviced this year.');
    await page.getByLabel('Price', { exact: true }).fill('12500');
    await page.getByLabel('Tags').fill('Vostok');
    await page.getByLabel('Tags').press('Enter');
    await page.getByLabel('Tags').fill('ussr');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('button', { name: 'Remove tag vostok' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Add a characteristic' }).click();
    await page.getByLabel('Characteristic', { exact: true }).fill('Case diameter, mm');
    await page.getByLabel('Type', { exact: true }).selectOption('number');
    await page.getByLabel('Value', { exact: true }).fill('40');
    await page.getByLabel('Choose photos').setInputFiles({
      name: 'amphibia.png',
      mimeType: 'image/png',
      buffer: await testPhoto(),
    });
    await expect(page.getByLabel('Side of amphibia.png').inputValue()).resolves.toBe('main');
    await checkPage(page, 'market-new-listing');

    await page.getByRole('button', { name: 'Create listing' }).click();
    // The first upload also warms media-service's decoders: give it time on a busy machine.
    await page.waitForURL(new RegExp(`/listings/${UUID}$`), { timeout: 60_000 });
    listingUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('This is your listing.').waitFor();
    await page.getByRole('img', { name: `${TITLE}: Main` }).waitFor();
    await expect(page.getByText('Case diameter, mm').count()).resolves.toBe(1);
    await checkPage(page, 'market-listing-own');
  });

  it('lets a buyer find it, keep it in favourites and put it in the cart', async () => {
    const page = await web.open(buyer, '/listings');
    await page.getByLabel('Search').fill('Amphibia');
    await page.getByLabel('Price to').fill('20000');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/search=Amphibia/);
    const card = page.getByRole('link', { name: TITLE });
    // Every card found matches the search and the price bound (polled: the unfiltered first page, which may
    // hold the listing too, stays on screen until the searched one replaces it).
    await expect
      .poll(async () => {
        const titles = await page.locator('.market-grid .market-card__title').allTextContents();
        return titles.length > 0 && titles.every((title) => /amphibia/i.test(title));
      })
      .toBe(true);
    await card.waitFor();
    await page.getByRole('img', { name: `Photo of ${TITLE}` }).waitFor();
    await checkPage(page, 'market-listings');

    await card.click();
    await page.waitForURL(`**${listingUrl}`);
    await page.getByRole('link', { name: 'demo-seller' }).waitFor();
    // The favourite turns at once (optimistic) and holds: the API has it once its request is answered.
    await page.getByRole('button', { name: 'Add to favourites' }).click();
    await page.getByRole('button', { name: 'Remove from favourites' }).waitFor();
    await expect
      .poll(async () => {
        const favourites = (await (await buyer.request.get('/api/me/favourites')).json()) as {
          items: { listingId: string }[];
        };
        return favourites.items.map((item) => `/listings/${item.listingId}`);
      })
      .toContain(listingUrl);
    // The page reads the favourite back after a reload (GET /me/favourites/{listingId}).
    await page.reload();
    await page.getByRole('button', { name: 'Remove from favourites' }).waitFor();

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();
    await checkPage(page, 'market-listing');
    await page.getByRole('link', { name: 'Go to the cart' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cart' }).waitFor();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await expect(page.getByLabel(`Quantity of ${TITLE}`).inputValue()).resolves.toBe('1');
    await checkPage(page, 'market-cart');
  });

  it('checks out with a new address and the test card; the provider makes the order paid', async () => {
    const page = await web.open(buyer, '/checkout');
    await fillCheckout(page, { street: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186' });
    await checkPage(page, 'market-checkout');

    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(new RegExp(`/orders/${UUID}$`));
    orderUrl = new URL(page.url()).pathname;
    await expect.poll(() => orderStatus(page).textContent(), { timeout: 15_000 }).toBe('paid');
    await page.getByText(/visa •••• 4242: paid/).waitFor();
    // The cart was ordered: it is empty now.
    const cart = (await (await buyer.request.get('/api/cart')).json()) as { lines: unknown[] };
    expect(cart.lines).toEqual([]);
    await checkPage(page, 'market-order-paid');
  });

  it('lets the seller find the order to fulfil and move it to issued', async () => {
    const page = await web.open(seller, '/orders?as=seller');
    await page.getByRole('heading', { level: 2, name: 'To fulfil' }).waitFor();
    const link = page.locator(`a[href="${orderUrl}"]`);
    await link.waitFor();
    await checkPage(page, 'market-orders-seller');

    await link.click();
    await page.waitForURL(`**${orderUrl}`);
    await moveOrderToIssued(page);
    await expect(page.getByRole('button', { name: /^Mark as/ }).count()).resolves.toBe(0);
    await checkPage(page, 'market-order-seller');
  });

  it('shows the buyer the whole timeline, and their orders', async () => {
    const page = await web.open(buyer, orderUrl);
    await expect(orderStatus(page).textContent()).resolves.toBe('issued');
    const steps = page.getByRole('region', { name: 'Status history' }).getByRole('listitem');
    await expect(steps.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^created .*\(by the buyer\)$/),
      expect.stringMatching(/^paid .*\(by the payment provider\)Reason: payment .* captured$/),
      expect.stringMatching(/^in stock, being packed .*\(by the seller\)$/),
      expect.stringMatching(/^in transit .*\(by the seller\)$/),
      expect.stringMatching(/^with the courier .*\(by the seller\)$/),
      expect.stringMatching(/^issued .*\(by the seller\)$/),
    ]);
    await checkPage(page, 'market-order-timeline');

    const orders = await web.open(buyer, '/orders');
    await orders.locator(`a[href="${orderUrl}"]`).waitFor();
    await checkPage(orders, 'market-orders');
  });

  it('tells a user who may not sell how to apply, and sends the application', async () => {
    const page = await web.open(buyer, '/listings/new');
    await page.getByRole('heading', { level: 2, name: 'Only sellers can list items.' }).waitFor();
    await page.getByRole('button', { name: 'Apply to sell' }).click();
    await page.locator('.field__error').first().waitFor();
    await page.getByLabel('Shop name').fill('Demo Watches');
    await page.getByLabel('What you sell').fill('Soviet watches, serviced');
    await page.getByLabel('Contact e-mail').fill('shop@example.com');
    await checkPage(page, 'market-apply');
    await page.getByRole('button', { name: 'Apply to sell' }).click();
    await page.getByText('Application sent: it is pending.').waitFor();
  });

  it('fits a phone in Russian', async () => {
    const context = await web.newContext({ locale: 'ru', width: 360 });
    const page = await web.open(context, listingUrl);
    await page.getByRole('img', { name: `${TITLE}: Главное` }).waitFor();
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await checkPage(page, 'market-listing-ru-phone');
    await context.close();
  });
});
