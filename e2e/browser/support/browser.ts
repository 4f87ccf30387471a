import { DEMO_ACCOUNTS } from '@agora/contracts';
import { eventually, freePort } from '@agora/testing';
import { simpleParser } from 'mailparser';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createAgoraClient, type AgoraClient } from '../../../clients/typescript/src/index.js';
import { startInProcessPlatform, type InProcessPlatform } from '../../support/in-process-platform.js';

const root = path.resolve(import.meta.dirname, '../../..');
/** Where every browser test saves its pages' screenshots (with the other test results). */
export const SCREENSHOT_DIR = path.join(root, '.data/test-results/web');
/** Set to a folder (`npm run web:screenshots`: docs/screenshots) to refresh the README's pictures as well. */
const README_SCREENSHOT_DIR = process.env['WEB_SCREENSHOTS_DIR'];
/** The pages the README shows. */
const README_SCREENSHOTS = new Set([
  'home-signed-in',
  'catalog-coffees-filtered',
  'catalog-coffee-card',
  'market-listing',
  'market-order-timeline',
  'chat',
  'moderation-draft',
  'sign-in-ru-phone',
]);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]['role'];

/** The demo account of a role (DEMO seeds them), e.g. `demoAccount('seller').login`. */
export function demoAccount(role: DemoRole): (typeof DEMO_ACCOUNTS)[number] {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) {
    throw new Error(`no demo account with role ${role}`);
  }
  return account;
}

export interface WebPlatformOptions {
  /** Demo catalog items seeded at start (the "110k-item seed" is DEMO's default). */
  readonly demoItems?: number;
  readonly env?: Record<string, string>;
}

/**
 * `npm start`'s platform in the test process with the web app (dist/web, built by `node scripts/build.mjs`,
 * which `npm test` runs first) at its gateway, the demo accounts and catalog seeded, mail written as `.eml`
 * files under DATA_DIR/mail, and one headless Chromium (Debian's) for the test's browser contexts.
 */
export class WebPlatform {
  private constructor(
    readonly platform: InProcessPlatform,
    readonly browser: Browser,
  ) {}

  /** The gateway's origin, e.g. `http://127.0.0.1:41234`: the web app at `/`, the API under `/api`. */
  get url(): string {
    return this.platform.gatewayUrl;
  }

  static async start(
    databaseUrl: string,
    name: string,
    options: WebPlatformOptions = {},
  ): Promise<WebPlatform> {
    if (!existsSync(path.join(root, 'dist/web/index.html'))) {
      throw new Error('dist/web is not built: run `node scripts/build.mjs` (npm test does)');
    }
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const platform = await startInProcessPlatform(databaseUrl, name, {
      env: {
        GATEWAY_PORT: String(port),
        // Cookies, the socket's Origin check and mailed links follow the page's origin.
        PUBLIC_URL: origin,
        DEMO: 'true',
        DEMO_ITEMS: String(options.demoItems ?? 2_000),
        ...options.env,
      },
    });
    try {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      });
      return new WebPlatform(platform, browser);
    } catch (error) {
      await platform.close();
      throw error;
    }
  }

  /** A fresh browser profile (own cookies) in English at a phone's or a desktop's width. */
  async newContext(
    options: { readonly locale?: 'en' | 'ru'; readonly width?: number } = {},
  ): Promise<BrowserContext> {
    const locale = options.locale ?? 'en';
    const context = await this.browser.newContext({
      baseURL: this.url,
      locale: locale === 'ru' ? 'ru-RU' : 'en-US',
      viewport: { width: options.width ?? 1280, height: 900 },
    });
    // The app remembers the language in localStorage; each context starts with its own choice.
    await context.addInitScript({
      content: `localStorage.setItem('agora.language', ${JSON.stringify(locale)});`,
    });
    context.setDefaultTimeout(15_000);
    return context;
  }

  /** Opens `path` in a new page of `context` and waits for the app to paint its heading. */
  async open(context: BrowserContext, pagePath: string): Promise<Page> {
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(pagePath);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(failures, `uncaught errors on ${pagePath}`).toEqual([]);
    return page;
  }

  /**
   * A fresh browser profile already signed in as the demo account of `role`, by the API's cookie sign-in (what
   * the sign-in page does; the sign-in page itself has its own test). Closed with the browser.
   */
  async signedInContext(
    role: DemoRole,
    options: { readonly locale?: 'en' | 'ru'; readonly width?: number } = {},
  ): Promise<BrowserContext> {
    const account = demoAccount(role);
    const context = await this.newContext(options);
    const answer = await context.request.post('/api/authentication', {
      data: { login: account.login, password: account.password, transport: 'cookie' },
    });
    expect(answer.status(), await answer.text()).toBe(200);
    return context;
  }

  /** The typed client with a bearer token of the demo account of `role`: arranging data, another device. */
  async clientOf(role: DemoRole): Promise<AgoraClient> {
    const account = demoAccount(role);
    const baseUrl = `${this.url}/api`;
    const { data } = await createAgoraClient({ baseUrl }).POST('/authentication', {
      body: { login: account.login, password: account.password },
    });
    const token = data && 'accessToken' in data ? data.accessToken : undefined;
    expect(token, `sign-in of ${account.login}`).toBeTruthy();
    return createAgoraClient({ baseUrl, accessToken: () => token });
  }

  /** Signs in through the sign-in page (the session cookies land in `context`). */
  async signIn(context: BrowserContext, login: string, password: string): Promise<Page> {
    const page = await this.open(context, '/sign-in');
    await page
      .getByLabel(/login|e-mail/i)
      .first()
      .fill(login);
    await page
      .getByLabel(/password/i)
      .first()
      .fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return page;
  }

  /**
   * `pattern`'s match in the newest mail to `email` it matches (the `.eml` files npm start writes under
   * DATA_DIR/mail), waiting for such a mail: e.g. the link of a verification or recovery mail.
   */
  async mailed(email: string, pattern: RegExp): Promise<RegExpMatchArray> {
    const mailDir = path.join(this.platform.dataDir, 'mail');
    return eventually(async () => {
      const files = existsSync(mailDir) ? readdirSync(mailDir).filter((file) => file.endsWith('.eml')) : [];
      const mails = await Promise.all(
        files.map(async (file) => simpleParser(readFileSync(path.join(mailDir, file)))),
      );
      const match = mails
        .filter((mail) => JSON.stringify(mail.to ?? '').includes(email))
        .sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0))
        .map((mail) => pattern.exec(mail.text ?? ''))
        .find((found) => found !== null);
      if (!match) {
        throw new Error(`no mail to ${email} matching ${String(pattern)} yet`);
      }
      return match;
    });
  }

  /** The six-digit code of the newest mail to `email`. */
  async mailedCode(email: string): Promise<string> {
    return (await this.mailed(email, /\b(\d{6})\b/))[1];
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.platform.close();
  }
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation, naming each rule and the
 * elements it found (minor and moderate findings do not fail).
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its globals, typed here without the DOM library of the test's own program.
    const inPage = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<AxeResults> };
      document: unknown;
    };
    const results = await inPage.axe.run(inPage.document);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
  const severe = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(severe, `axe on ${name}: ${JSON.stringify(severe, null, 2)}`).toEqual([]);
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** In the page: every eager image has loaded (lazy ones below the fold are not waited for). */
const IMAGES_LOADED = `Array.from(document.images).every((image) => image.loading === 'lazy' || image.complete)`;

/** Saves a full-page screenshot as `<name>.png` with the test results (and a README page in WEB_SCREENSHOTS_DIR). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Photos fade in on load: wait (briefly) for the images in view so the picture shows the page as a user sees it.
  await page.waitForFunction(IMAGES_LOADED, undefined, { timeout: 5_000 }).catch(() => undefined);
  const readme = README_SCREENSHOT_DIR && README_SCREENSHOTS.has(name) ? [README_SCREENSHOT_DIR] : [];
  for (const dir of [SCREENSHOT_DIR, ...readme]) {
    mkdirSync(path.resolve(root, dir), { recursive: true });
    await page.screenshot({ path: path.resolve(root, dir, `${name}.png`), fullPage: true });
  }
}

/** Axe and a screenshot: what every page of the suite gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await saveScreenshot(page, name);
}

/** Where a checkout sends the order, as its form asks for it. */
export interface CheckoutAddress {
  readonly street: string;
  readonly city: string;
  readonly postalCode: string;
}

/**
 * Fills the checkout page's form: a new address (chosen when saved ones are offered) in Russia and the test
 * provider's card 4242 4242 4242 4242, valid for a few years. The caller checks the page and places the order.
 */
export async function fillCheckout(page: Page, address: CheckoutAddress): Promise<void> {
  const newAddress = page.getByRole('radio', { name: 'A new address' });
  if ((await newAddress.count()) > 0) {
    await newAddress.check();
  }
  await page.getByLabel('Street and house').fill(address.street);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('Postal code').fill(address.postalCode);
  await page.getByLabel('Country code').fill('RU');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry month').fill('12');
  await page.getByLabel('Expiry year').fill(String(new Date().getUTCFullYear() + 3));
  await page.getByLabel('CVC').fill('123');
}

/** The order page's current status, as the seller and the buyer read it. */
export function orderStatus(page: Page) {
  return page.getByTestId('order-status');
}

/** On an order's page, the seller moves it through every fulfilment step to `issued`, each shown as it lands. */
export async function moveOrderToIssued(page: Page): Promise<void> {
  for (const [button, status] of [
    ['Mark as in stock, being packed', 'in stock, being packed'],
    ['Mark as in transit', 'in transit'],
    ['Mark as with the courier', 'with the courier'],
    ['Mark as issued', 'issued'],
  ] as const) {
    await page.getByRole('button', { name: button }).click();
    await expect.poll(() => orderStatus(page).textContent()).toBe(status);
  }
}
