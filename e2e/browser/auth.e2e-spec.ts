import { eventually, png, startOAuthProvider, type OAuthProviderServer } from '@agora/testing';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, demoAccount, WebPlatform } from './support/browser.js';

/**
 * The auth and home pages in a real browser against the in-process platform: register → the code from the
 * mailed `.eml` → verify → sign in (a wrong password first) → the home feed with a post written in the
 * composer (with a photo) and liked; the mails' links to /verify and /recover; Google sign-in against a local
 * OAuth 2.0 server, straight into the app or through the password of an existing account; axe and a screenshot of
 * each page.
 */
describe('web: sign-in, registration, recovery and home', () => {
  let web: WebPlatform;
  let google: OAuthProviderServer;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now().toString(36);
  const email = `web-${stamp}@example.com`;
  const login = `web_${stamp}`;
  const password = 'a long browser passphrase';

  const context = async (options: { locale?: 'en' | 'ru'; width?: number } = {}): Promise<BrowserContext> => {
    const created = await web.newContext(options);
    contexts.push(created);
    return created;
  };

  /** The link of the newest mail to `to` that has one to `page` of the app (at the gateway's origin). */
  const mailedLink = async (to: string, page: string): Promise<string> =>
    (await web.mailed(to, new RegExp(`${web.url}${page}\\?\\S+`)))[0];

  beforeAll(async () => {
    google = await startOAuthProvider('google');
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_auth', {
      demoItems: 300,
      // Google sign-in as README "Google and Yandex sign-in" sets it up, against the local server.
      env: {
        GOOGLE_CLIENT_ID: google.clientId,
        GOOGLE_CLIENT_SECRET: google.clientSecret,
        GOOGLE_AUTHORIZATION_URL: google.authorizationUrl,
        GOOGLE_TOKEN_URL: google.tokenUrl,
        GOOGLE_USERINFO_URL: google.userInfoUrl,
      },
    });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((open) => open.close().catch(() => undefined)));
    await web?.close();
    await google?.close();
  });

  it('shows a signed-out home with the intro, new and top-rated items', async () => {
    const page = await web.open(await context(), '/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Welcome to Agora');
    await page.getByRole('heading', { name: 'New coffees' }).waitFor();
    await page.getByRole('heading', { name: 'Top-rated coffees' }).waitFor();
    await page.getByRole('heading', { name: 'Top-rated watches' }).waitFor();
    const newCoffees = page.getByRole('region', { name: 'New coffees' }).getByRole('listitem');
    await newCoffees.first().waitFor();
    expect(await newCoffees.count()).toBeGreaterThan(0);
    await page
      .getByRole('region', { name: 'New on the marketplace' })
      .getByRole('listitem')
      .first()
      .waitFor();
    await checkPage(page, 'home-signed-out');
  });

  it('registers, verifies with the mailed code, refuses a wrong password and signs in to the feed', async () => {
    const browser = await context();
    const page = await web.open(browser, '/register');
    // A field error from the problem sits next to its field.
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/password must be longer/i).waitFor();
    await checkPage(page, 'register');

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Six-digit code').waitFor();
    await page.getByText(`We mailed a six-digit code to ${email}`).waitFor();
    await checkPage(page, 'register-code');

    // A wrong code is the API's problem, shown on the form.
    await page.getByLabel('Six-digit code').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('[data-code="INVALID_VERIFICATION_CODE"]').waitFor();

    await page.getByLabel('Six-digit code').fill(await web.mailedCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your address is confirmed').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();

    await page.getByLabel('Login or e-mail').fill(login);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('[data-code="INVALID_CREDENTIALS"]').waitFor();
    await checkPage(page, 'sign-in-wrong-password');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    await page.getByRole('link', { name: 'My profile' }).waitFor();

    // Write a post with a photo: it leads the feed at once, and is there after a reload (the server's feed).
    const text = `First cup of the day #${stamp}`;
    await page.getByLabel('What is new?').fill(text);
    await page.getByLabel('Photos (optional)').setInputFiles({
      name: 'cup.png',
      mimeType: 'image/png',
      buffer: await png(64, 48),
    });
    await page.getByRole('img', { name: 'Photo 1 to post' }).waitFor();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const feed = page.getByRole('list', { name: 'Your feed' });
    const post = feed.getByRole('article', { name: `Post by ${login}` }).filter({ hasText: text });
    await post.waitFor();
    await post.getByRole('img', { name: `Photo 1 of the post by ${login}` }).waitFor();

    // Like: optimistic, then the server's count.
    await post.getByRole('button', { name: 'Like' }).click();
    await post.getByText('1 like').waitFor();
    expect(await post.getByRole('button', { name: 'Like' }).getAttribute('aria-pressed')).toBe('true');

    await eventually(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Your feed' }).waitFor();
      const again = page.getByRole('article').filter({ hasText: text });
      await again.waitFor({ timeout: 3_000 });
      await again.getByText('1 like').waitFor({ timeout: 3_000 });
      return true;
    });
    await checkPage(page, 'home-signed-in');
  });

  it('returns to ?next= after signing in and tells an unverified address what to do', async () => {
    const browser = await context();
    const page = await web.open(browser, '/sign-in?next=%2Fregister');
    await checkPage(page, 'sign-in');
    // The provider buttons start the OAuth flow of README "Google and Yandex sign-in" with a cookie session.
    // The provider buttons carry ?next= too: the callback returns there.
    expect(await page.getByRole('link', { name: 'Sign in with Google' }).getAttribute('href')).toBe(
      '/api/auth/google?transport=cookie&next=%2Fregister',
    );
    expect(await page.getByRole('link', { name: 'Sign in with Yandex' }).getAttribute('href')).toBe(
      '/api/auth/yandex?transport=cookie&next=%2Fregister',
    );
    // A `next` that a URL parser turns into another origin (it drops the tab: `//evil.example`) is not
    // carried on, by the services' own rule (WEB_RETURN_PATH_PATTERN).
    const hostile = await web.open(await context(), '/sign-in?next=%2F%09%2Fevil.example');
    expect(await hostile.getByRole('link', { name: 'Sign in with Google' }).getAttribute('href')).toBe(
      '/api/auth/google?transport=cookie',
    );
    const user = demoAccount('user');
    await page.getByLabel('Login or e-mail').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/register');

    const unverifiedEmail = `pending-${stamp}@example.com`;
    const fresh = await web.open(await context(), '/register');
    await fresh.getByLabel('E-mail').fill(unverifiedEmail);
    await fresh.getByLabel('Login').fill(`pending_${stamp}`);
    await fresh.getByLabel('Password', { exact: true }).fill(password);
    await fresh.getByRole('button', { name: 'Create account' }).click();
    await fresh.getByLabel('Six-digit code').waitFor();
    await fresh.goto('/sign-in');
    await fresh.getByLabel('Login or e-mail').fill(unverifiedEmail);
    await fresh.getByLabel('Password').fill(password);
    await fresh.getByRole('button', { name: 'Sign in', exact: true }).click();
    await fresh.locator('[data-code="EMAIL_NOT_VERIFIED"]').waitFor();
    await fresh.getByRole('link', { name: 'Enter the code from the mail' }).click();
    await fresh.waitForURL((url) => url.pathname === '/verify');
    // The mail's link carries the address and the code: /verify confirms at once.
    const link = await mailedLink(unverifiedEmail, '/verify');
    expect(new URL(link).searchParams.get('code')).toBe(await web.mailedCode(unverifiedEmail));
    await fresh.goto(link);
    await fresh.getByText('Your address is confirmed').waitFor();
    await checkPage(fresh, 'verify');
  });

  it('recovers a password with the mailed token', async () => {
    const page = await web.open(await context(), '/recover');
    await checkPage(page, 'recover');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Mail me a token' }).click();
    await page.getByText('a reset token is on its way').waitFor();
    await page.getByLabel('Token from the mail').fill('not-a-token');
    await page.getByLabel('New password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    // INVALID_RESET_TOKEN names no field: the form shows it under the token.
    await page.locator('.field--invalid').getByRole('alert').waitFor();
    expect(await page.getByLabel('Token from the mail').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'recover-token');

    // The mail's link opens the new-password form holding the token.
    const link = await mailedLink(email, '/recover');
    await page.goto(link);
    expect(await page.getByLabel('Token from the mail').inputValue()).toBe(
      new URL(link).searchParams.get('token'),
    );
    await page.getByLabel('New password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Login or e-mail').fill(email);
    await page.getByLabel('Password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
  });

  it('signs in with Google into the home feed, and says why when the provider refuses', async () => {
    google.consentAs({ subject: `g-${stamp}`, email: `google-${stamp}@gmail.com`, name: 'Gina Google' });
    const page = await web.open(await context(), '/sign-in');
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    // The provider's consent, the callback's 303 with the session cookies, the app's home.
    await page.waitForURL((url) => url.pathname === '/' && url.origin === web.url);
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    await page.getByRole('link', { name: 'My profile' }).waitFor();

    google.consentAs('deny');
    const refused = await web.open(await context(), '/sign-in');
    await refused.getByRole('link', { name: 'Sign in with Google' }).click();
    await refused.waitForURL((url) => url.pathname === '/sign-in' && url.search === '?oauth=OAUTH_DENIED');
    await refused.locator('[data-code="OAUTH_DENIED"]').getByText('The sign-in was cancelled').waitFor();
    await checkPage(refused, 'sign-in-oauth-refused');
  });

  it("links a Google account to the demo account with its address by the account's password", async () => {
    const seller = demoAccount('seller');
    const gmail = { subject: `g-seller-${stamp}`, email: seller.email, name: 'Demo Seller' };
    google.consentAs(gmail);
    const page = await web.open(await context(), '/sign-in');
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in/link');
    await page.getByRole('heading', { name: 'Link your account' }).waitFor();
    await page.getByText('An Agora account with the address of your Google account exists').waitFor();
    await checkPage(page, 'sign-in-link');

    await page.getByLabel('Password of your Agora account').fill('not the password at all');
    await page.getByRole('button', { name: 'Link and sign in' }).click();
    await page.locator('[data-code="INVALID_CREDENTIALS"]').waitFor();
    await page.getByLabel('Password of your Agora account').fill(seller.password);
    await page.getByRole('button', { name: 'Link and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();

    // Linked: the next Google sign-in goes straight in.
    google.consentAs(gmail);
    const again = await web.open(await context(), '/sign-in');
    await again.getByRole('link', { name: 'Sign in with Google' }).click();
    await again.waitForURL((url) => url.pathname === '/');
    await again.getByRole('heading', { name: 'Your feed' }).waitFor();
  });

  it('speaks Russian and fits a 360 px phone', async () => {
    const page = await web.open(await context({ locale: 'ru', width: 360 }), '/sign-in');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    const overflow = await page.evaluate(() => {
      // Runs in the page; typed without the DOM library of the test's program.
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth > root.clientWidth;
    });
    expect(overflow).toBe(false);
    await checkPage(page, 'sign-in-ru-phone');
  });
});
