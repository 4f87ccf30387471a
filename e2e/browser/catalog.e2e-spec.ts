import { eventually, png } from '@agora/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AgoraClient, Schemas } from '../../clients/typescript/src/index.js';
import { checkPage, demoAccount, WebPlatform, type DemoRole } from './support/browser.js';

/** Older messages than one history page (20) in the room, so "Older messages" has something to load. */
const EARLIER_MESSAGES = 24;
const COFFEE_NAME = 'Ethiopia Guji Hambela Browsertest';

/**
 * The catalog pages in a browser (issue 20, seed 000): the coffee selection's two search levels, a coffee's
 * card with its photo, rating, check-in, like and live discussion seen by a second signed-in user, and the
 * watch and mechanism pages; axe and a screenshot of each page, and the card's time to interactive.
 */
describe('catalog pages in the browser', () => {
  let web: WebPlatform;
  let moderator: AgoraClient;
  let coffee: Schemas['CoffeeDto'];
  let roaster: Schemas['DictionaryValueDto'];
  let chatId: string;
  const contexts: BrowserContext[] = [];

  /** A signed-in demo account's browser profile, closed after the suite. */
  async function signedInContext(role: DemoRole): Promise<BrowserContext> {
    const context = await web.signedInContext(role);
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    // The 110k-item demo catalog, so the card's time to interactive is measured against it.
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_catalog', { demoItems: 110_000 });
    moderator = await web.clientOf('moderator');
    // A coffee made through the API, so every service (social's discussion rooms too) learns it by its event.
    const roasters = await moderator.GET('/dictionaries/{kind}', {
      params: { path: { kind: 'roasters' }, query: { sort: 'name', limit: 1 } },
    });
    roaster = roasters.data!.items[0];
    const created = await moderator.POST('/coffees', {
      body: { name: COFFEE_NAME, roasterId: roaster.id, variety: 'Heirloom', roastLevel: 'light' },
    });
    expect(created.response.status).toBe(201);
    coffee = created.data as Schemas['CoffeeDto'];
    // Its main photo: the moderator uploads it and puts it on the coffee once catalog knows the media.
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await png(640, 480, 120))], { type: 'image/png' }),
      'pack.png',
    );
    const token = await moderatorToken();
    const upload = await fetch(`${web.url}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const media = (await upload.json()) as { id: string };
    await eventually(async () => {
      const attached = await moderator.PUT('/coffees/{id}/photos/{mediaId}', {
        params: { path: { id: coffee.id, mediaId: media.id } },
        body: { side: 'main' },
      });
      expect(attached.response.status, JSON.stringify(attached.error)).toBe(200);
      return attached.data;
    });
    // The room's history: more than one page, written before the browsers open it.
    const room = await eventually(async () => {
      const answer = await moderator.GET('/items/{kind}/{id}/discussion', {
        params: { path: { kind: 'coffee', id: coffee.id } },
      });
      expect(answer.data?.id).toBeTruthy();
      return answer.data!;
    });
    chatId = room.id;
    for (let index = 1; index <= EARLIER_MESSAGES; index += 1) {
      const sent = await moderator.POST('/chats/{id}/messages', {
        params: { path: { id: chatId } },
        body: { text: `Earlier message ${index}` },
      });
      expect(sent.response.status).toBe(201);
    }
  });

  async function moderatorToken(): Promise<string> {
    const account = demoAccount('moderator');
    const answer = await fetch(`${web.url}/api/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: account.login, password: account.password }),
    });
    return ((await answer.json()) as { accessToken: string }).accessToken;
  }

  afterAll(async () => {
    for (const context of contexts) {
      await context.close().catch(() => undefined);
    }
    await web?.close();
  });

  it('finds a coffee in two levels: words first, then a facet, kept in the URL', async () => {
    const context = await web.newContext();
    contexts.push(context);
    const page = await web.open(context, '/coffees');
    await expect.poll(() => page.locator('.catalog-tile').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/\d+ found/).innerText()).toMatch(/found/);
    await checkPage(page, 'catalog-coffees');

    await page.getByLabel('Search coffee').fill('Guji Hambela');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=Guji\+Hambela/);
    await page.getByRole('link', { name: COFFEE_NAME }).waitFor();

    await page.getByLabel('Roaster', { exact: true }).selectOption({ label: roaster.name });
    await page.waitForURL(new RegExp(`roaster=${roaster.id}`));
    await page.getByLabel('Roast', { exact: true }).selectOption({ label: 'Light' });
    await page.waitForURL(/roast=light/);
    await page.getByRole('link', { name: COFFEE_NAME }).waitFor();
    await checkPage(page, 'catalog-coffees-filtered');

    // The link reproduces the selection in a fresh page.
    const again = await web.open(context, new URL(page.url()).pathname + new URL(page.url()).search);
    await again.getByRole('link', { name: COFFEE_NAME }).waitFor();
    expect(await again.getByLabel('Roaster', { exact: true }).inputValue()).toBe(roaster.id);
    expect(await again.getByLabel('Search coffee').inputValue()).toBe('Guji Hambela');

    await page.getByRole('link', { name: COFFEE_NAME }).click();
    await page.getByRole('heading', { level: 1, name: COFFEE_NAME }).waitFor();
    await page.locator('img[alt^="Ethiopia Guji Hambela Browsertest, front"]').waitFor();
  });

  it('shows the card fast, checks in, likes, and carries the discussion live to another user', async () => {
    const anna = await signedInContext('user');
    const boris = await signedInContext('seller');
    const annaPage = await web.open(anna, `/coffees/${coffee.id}`);
    await annaPage.getByRole('heading', { level: 1, name: COFFEE_NAME }).waitFor();

    const marks = await annaPage.evaluate(() =>
      // Runs in the page; Node's own Performance types describe the same entries.
      performance.getEntriesByName('coffee-card-interactive').map((entry) => ({
        startTime: entry.startTime,
        detail: JSON.stringify((entry as { detail?: unknown }).detail ?? null),
      })),
    );
    expect(marks).toHaveLength(1);
    console.log(
      `coffee card interactive ${marks[0].startTime.toFixed(0)} ms after navigation start ` +
        `(${marks[0].detail})`,
    );
    const main = annaPage.locator('img[alt="Ethiopia Guji Hambela Browsertest, front"]');
    expect(await main.getAttribute('loading')).toBe('eager');

    // Check in with a rating and a note: the list and the rating count show it at once.
    await annaPage.getByLabel('Your rating').selectOption('4.5');
    await annaPage.getByLabel('Served as').selectOption({ label: 'Pour-over' });
    await annaPage.getByLabel('Note').fill('Bergamot and jasmine, a clean finish');
    await annaPage.getByRole('button', { name: 'Check in' }).click();
    await annaPage.getByText('Checked in. Thank you!').waitFor();
    await annaPage.getByText('Bergamot and jasmine, a clean finish').waitFor();
    expect(await annaPage.getByTestId('rating-count').innerText()).toBe('Ratings: 1');

    // Like, optimistic, and still liked after a reload.
    const like = annaPage.getByRole('button', { name: 'Like' });
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => annaPage.getByTestId('like-count').innerText()).toBe('Likes: 1');

    // The discussion: the newest page of history, then older messages on demand.
    const annaLog = annaPage.getByRole('log', { name: 'Discussion' });
    await annaLog.getByText(`Earlier message ${EARLIER_MESSAGES}`).waitFor();
    expect(await annaLog.getByText('Earlier message 1', { exact: true }).count()).toBe(0);
    await annaPage.getByRole('button', { name: 'Older messages' }).click();
    await annaLog.getByText('Earlier message 1', { exact: true }).waitFor();
    await expect.poll(() => annaPage.getByRole('button', { name: 'Older messages' }).count()).toBe(0);

    // Boris has the card open in another browser; Anna's message reaches him over the socket, no reload.
    const borisPage = await web.open(boris, `/coffees/${coffee.id}`);
    const borisLog = borisPage.getByRole('log', { name: 'Discussion' });
    await borisLog.getByText(`Earlier message ${EARLIER_MESSAGES}`).waitFor();
    await borisPage.getByText('Live', { exact: true }).waitFor();
    await annaPage.getByText('Live', { exact: true }).waitFor();
    const navigations: string[] = [];
    borisPage.on('framenavigated', (frame) => navigations.push(frame.url()));

    await annaPage.getByLabel('Your message').fill('Is the Hambela better as espresso?');
    await borisPage.getByText(/is typing/).waitFor();
    const sentAt = Date.now();
    await annaPage.getByRole('button', { name: 'Send' }).click();
    await borisLog.getByText('Is the Hambela better as espresso?').waitFor();
    console.log(`discussion message reached the second browser in ${Date.now() - sentAt} ms`);
    await annaLog.getByText('Is the Hambela better as espresso?').waitFor();
    expect(navigations).toEqual([]);

    // And back: Boris answers, Anna sees it live.
    await borisPage.getByLabel('Your message').fill('Try it as a pour-over first.');
    await borisPage.getByRole('button', { name: 'Send' }).click();
    await annaLog.getByText('Try it as a pour-over first.').waitFor();

    await checkPage(annaPage, 'catalog-coffee-card');
    await checkPage(borisPage, 'catalog-coffee-card-second-user');

    // A phone's width, signed out: the same card in one column, links to sign in instead of the forms.
    const phone = await web.newContext({ width: 360 });
    contexts.push(phone);
    const phonePage = await web.open(phone, `/coffees/${coffee.id}`);
    await phonePage.getByRole('heading', { level: 1, name: COFFEE_NAME }).waitFor();
    await phonePage.getByRole('link', { name: 'Sign in to read and join the discussion' }).waitFor();
    await phonePage.getByTestId('rating-count').waitFor();
    await checkPage(phonePage, 'catalog-coffee-card-phone');
  });

  it('opens the watch and mechanism selections and their cards', async () => {
    const context = await signedInContext('user');
    for (const [path, title, facet] of [
      ['/watches', 'Watches', 'Brand'],
      ['/mechanisms', 'Mechanisms', 'Type'],
    ] as const) {
      const page: Page = await web.open(context, path);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect.poll(() => page.locator('.catalog-tile').count()).toBeGreaterThan(0);
      await page.getByLabel(facet).selectOption({ index: 1 });
      await page.waitForURL(/\?.+=/);
      await expect.poll(() => page.locator('.catalog-tile').count()).toBeGreaterThan(0);
      await checkPage(page, `catalog${path.replace('/', '-')}`);

      const first = page.locator('.catalog-tile a').first();
      const name = await first.innerText();
      await first.click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Discussion' }).waitFor();
      await page.getByTestId('like-count').waitFor();
      await checkPage(page, `catalog${path.replace('/', '-')}-card`);
      await page.close();
    }
  });
});
