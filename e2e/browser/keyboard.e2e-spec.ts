import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, demoAccount, WebPlatform } from './support/browser.js';

const COFFEE_NAME = 'Kenya Kiambu Keyboardtest';

/** What has focus, read in the page (a string, so the test's program needs no DOM types). */
interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly name: string;
  readonly focusVisible: boolean;
  /** A painted outline or box shadow while focused. */
  readonly indicator: boolean;
  readonly inHeader: boolean;
  readonly inMenu: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) {
    return null;
  }
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  const label = element.labels && element.labels[0] ? element.labels[0].textContent : '';
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: (element.getAttribute('aria-label') || label || element.textContent || '').trim(),
    focusVisible: element.matches(':focus-visible'),
    indicator:
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    inHeader: Boolean(element.closest('header.site-header')),
    inMenu: Boolean(element.closest('#site-nav')),
    x: rect.left,
    y: rect.top,
    width: rect.width,
    height: rect.height,
  };
})()`;

/** The header's navigation (the phone's menu). */
const nav = (page: Page): Locator => page.getByRole('navigation', { name: 'Main navigation' });

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate<Focused | null>(FOCUSED);
}

/** The focused element shows it: it has a size, matches `:focus-visible` and paints an outline or a shadow. */
function expectVisibleFocus(now: Focused | null, after: string): Focused {
  expect(now, `focus after ${after}`).not.toBeNull();
  expect(now!.width * now!.height, `${now!.name} has a size`).toBeGreaterThan(0);
  expect(now!.focusVisible, `${now!.tag} “${now!.name}” matches :focus-visible`).toBe(true);
  expect(now!.indicator, `${now!.tag} “${now!.name}” paints a focus indicator`).toBe(true);
  return now!;
}

/** Presses a key and returns what has focus then, which must show it. */
async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  return expectVisibleFocus(await focused(page), key);
}

/** Whether `target` has focus. */
function hasFocus(target: Locator): Promise<boolean> {
  // Runs in the page; typed without the DOM library of the test's program.
  return target.evaluate(
    (element) =>
      element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  );
}

/** Tabs forward (at most `limit` times) until `target` has focus; every stop on the way shows its focus. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    await press(page, 'Tab');
    if (await hasFocus(target)) {
      return;
    }
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${limit} steps`);
}

/** The header's stops from the skip link on: each in reading order after the one before (same row: to its right). */
function expectReadingOrder(stops: readonly Focused[]): void {
  for (let index = 1; index < stops.length; index += 1) {
    const [before, after] = [stops[index - 1], stops[index]];
    const sameRow = Math.abs(after.y - before.y) < before.height / 2;
    expect(
      sameRow ? after.x > before.x : after.y > before.y,
      `“${after.name}” comes after “${before.name}” on screen`,
    ).toBe(true);
  }
}

/**
 * The "keyboard-usable with visible focus", in a browser with the keyboard only (Tab, Shift+Tab, Enter,
 * Space, Escape; no clicks): the skip link and the header in visual order with a visible focus indicator on
 * every stop, the phone's menu, signing in, the coffee selection's search, facet and result, and the chat's
 * edit box and delete confirmation, which take focus and give it back.
 */
describe('the web app from the keyboard', () => {
  let web: WebPlatform;
  const contexts: BrowserContext[] = [];

  async function context(options: { readonly width?: number } = {}): Promise<BrowserContext> {
    const created = await web.newContext(options);
    contexts.push(created);
    return created;
  }

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_keyboard', { demoItems: 200 });
    // A coffee made through the API, so the search and the facets find it.
    const moderator = await web.clientOf('moderator');
    const { data: roasters } = await moderator.GET('/dictionaries/{kind}', {
      params: { path: { kind: 'roasters' }, query: { sort: 'name', limit: 1 } },
    });
    const created = await moderator.POST('/coffees', {
      body: { name: COFFEE_NAME, roasterId: roasters!.items[0].id, variety: 'SL28', roastLevel: 'light' },
    });
    expect(created.response.status).toBe(201);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((open) => open.close().catch(() => undefined)));
    await web?.close();
  });

  it('tabs from the skip link through the header in visual order, every stop visibly focused', async () => {
    const page = await web.open(await context(), '/');
    await nav(page).getByRole('link', { name: 'Register' }).waitFor();
    const skip = await press(page, 'Tab');
    expect(skip.name).toBe('Skip to content');
    expect(skip.y).toBeGreaterThanOrEqual(0);

    const stops = [skip];
    for (;;) {
      const stop = await press(page, 'Tab');
      if (!stop.inHeader) {
        break;
      }
      stops.push(stop);
    }
    expect(stops.map((stop) => stop.name)).toEqual([
      'Skip to content',
      'Agora',
      'Coffee',
      'Watches',
      'Mechanisms',
      'Marketplace',
      'Sign in',
      'Register',
      'Language',
    ]);
    expectReadingOrder(stops);

    // Shift+Tab walks back the same way.
    await press(page, 'Shift+Tab');
    expect((await focused(page))?.name).toBe('Language');

    // The skip link leads past the header: the next Tab is in the page.
    await page.reload();
    await nav(page).getByRole('link', { name: 'Register' }).waitFor();
    await press(page, 'Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('main');
    expect((await press(page, 'Tab')).inHeader).toBe(false);

    // Signed in, the header's account links and the sign-out button show their focus too.
    const signedIn = await web.signedInContext('user');
    contexts.push(signedIn);
    const home = await web.open(signedIn, '/');
    await home.getByRole('button', { name: 'Sign out' }).waitFor();
    const names: string[] = [];
    for (
      let stop = await press(home, 'Tab');
      stop.inHeader || names.length === 0;
      stop = await press(home, 'Tab')
    ) {
      names.push(stop.name);
    }
    expect(names.slice(0, 2)).toEqual(['Skip to content', 'Agora']);
    expect(names).toEqual(expect.arrayContaining(['Chats', 'Cart', 'Orders', 'My profile', 'Sign out']));
  });

  it('shows a visible focus on every stop of the main pages', async () => {
    const page = await web.open(await context(), '/');
    for (const path of ['/', '/coffees', '/listings', '/sign-in', '/register']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await nav(page).getByRole('link', { name: 'Register' }).waitFor();
      // Every stop of the page (the first 60) until Tab leaves the document or comes round to the skip link.
      for (let step = 0; step < 60; step += 1) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        if (step > 0 && (now === null || now.name === 'Skip to content')) {
          break;
        }
        expectVisibleFocus(now, `Tab ${step + 1} on ${path}`);
      }
    }
  });

  it('opens the phone menu with Enter, moves focus into it, and Escape closes it back to the button', async () => {
    const page = await web.open(await context({ width: 360 }), '/');
    const button = page.getByRole('button', { name: 'Menu' });
    await tabTo(page, button);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav(page).getByRole('link', { name: 'Coffee' }).isVisible()).toBe(false);

    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const first = await focused(page);
    expect(first).toMatchObject({ name: 'Coffee', inMenu: true, focusVisible: true, indicator: true });
    expect((await press(page, 'Tab')).name).toBe('Watches');
    await checkPage(page, 'keyboard-phone-menu');

    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav(page).getByRole('link', { name: 'Coffee' }).isVisible()).toBe(false);
    expect(await focused(page)).toMatchObject({ name: 'Menu', focusVisible: true, indicator: true });

    // A link of the menu leads to its page; the menu closes and focus lands on the new page, not nowhere.
    await page.keyboard.press('Enter');
    await press(page, 'Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/watches');
    await page.getByRole('heading', { level: 1, name: 'Watches' }).waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect((await focused(page))?.id).toBe('main');
  });

  it('signs in with the keyboard only and reaches the home feed', async () => {
    const account = demoAccount('user');
    const page = await web.open(await context(), '/sign-in');
    await press(page, 'Tab');
    await page.keyboard.press('Enter');
    expect(await press(page, 'Tab')).toMatchObject({ tag: 'input', name: 'Login or e-mail' });
    await page.keyboard.type(account.login);
    expect(await press(page, 'Tab')).toMatchObject({ tag: 'input', name: 'Password' });
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    await page.getByRole('link', { name: 'My profile' }).waitFor();
  });

  it('searches the coffee selection, sets a facet with Space and opens a result with Enter', async () => {
    const page = await web.open(await context(), '/coffees');
    await press(page, 'Tab');
    await page.keyboard.press('Enter');
    expect(await press(page, 'Tab')).toMatchObject({ tag: 'input', name: 'Search coffee' });
    await page.keyboard.type('Kiambu Keyboardtest');
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]q=Kiambu\+Keyboardtest/);
    await page.getByRole('link', { name: COFFEE_NAME }).waitFor();

    // A facet's select: Space opens its options, an arrow picks one, Enter takes it.
    const roast = page.getByLabel('Roast', { exact: true });
    await tabTo(page, roast);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/roast=light/);
    // The select follows the query string on the render after it changed.
    await expect.poll(() => roast.inputValue()).toBe('light');
    // The selection changed the query string only: focus stays on the facet.
    expect(await focused(page)).toMatchObject({ tag: 'select', name: 'Roast' });
    await checkPage(page, 'keyboard-coffees-filtered');

    const result = page.getByRole('link', { name: COFFEE_NAME });
    await tabTo(page, result);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: COFFEE_NAME }).waitFor();
    expect((await focused(page))?.id).toBe('main');
  });

  it('moves focus into the chat’s edit box and delete confirmation and back to their buttons', async () => {
    const anna = await web.clientOf('user');
    const seller = await web.clientOf('seller');
    const { data: me } = await seller.GET('/me');
    const { data: chat } = await anna.POST('/chats', { body: { userId: me!.id } });
    await anna.POST('/chats/{id}/messages', {
      params: { path: { id: chat!.id } },
      body: { text: 'Typed without a mouse' },
    });
    const browser = await web.signedInContext('user');
    contexts.push(browser);
    const page = await web.open(browser, `/chats/${chat!.id}`);
    const message = page.getByTestId('message').filter({ hasText: 'Typed without a mouse' });
    await message.waitFor();

    // Edit: focus goes into the box; Escape cancels and focus returns to Edit.
    const edit = message.getByRole('button', { name: 'Edit' });
    await tabTo(page, edit);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'Edit your message' });
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Edit your message' }).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ name: 'Edit', focusVisible: true, indicator: true });

    // Delete: focus goes to the confirmation's Cancel; Escape returns it to Delete.
    expect((await press(page, 'Tab')).name).toBe('Delete');
    await page.keyboard.press('Enter');
    const confirmation = message.getByRole('group', { name: 'Delete this message?' });
    await confirmation.waitFor();
    expect(await focused(page)).toMatchObject({ name: 'Cancel', focusVisible: true, indicator: true });
    await checkPage(page, 'keyboard-chat-confirm-delete');
    await page.keyboard.press('Escape');
    await confirmation.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ name: 'Delete', focusVisible: true, indicator: true });

    // Confirmed with the keyboard: the message is gone and focus stays on it, not lost to the page.
    await page.keyboard.press('Enter');
    await confirmation.waitFor();
    expect((await press(page, 'Shift+Tab')).name).toBe('Delete');
    await page.keyboard.press('Enter');
    await page.getByText('Message deleted').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'li' });
  });
});
