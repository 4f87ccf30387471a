import { eventually, png } from '@agora/testing';
import { simpleParser } from 'mailparser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, demoAccount, WebPlatform } from './support/browser.js';

/**
 * The auth and home pages in a real browser against the in-process platform: register → the code from the
 * mailed `.eml` → verify → sign in (a wrong password first) → the home feed with a post written in the
 * composer (with a photo) and liked; password recovery with the mailed token; axe and a screenshot of each page.
 */
describe('web: sign-in, registration, recovery and home', () => {
  let web: WebPlatform;
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

  /** The reset token of the newest recovery mail to `to` (the `.eml` files under DATA_DIR/mail). */
  const mailedResetToken = (to: string): Promise<string> => {
    const mailDir = path.join(web.platform.dataDir, 'mail');
    return eventually(async () => {
      const files = existsSync(mailDir) ? readdirSync(mailDir).filter((file) => file.endsWith('.eml')) : [];
      for (const file of files) {
        const mail = await simpleParser(readFileSync(path.join(mailDir, file)));
        const token = /reset token: (\S+)/.exec(mail.text ?? '')?.[1];
        if (token && JSON.stringify(mail.to ?? '').includes(to)) {
          return token;
        }
      }
      throw new Error(`no reset token mailed to ${to} yet`);
    });
  };

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_auth', { demoItems: 300 });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((open) => open.close().catch(() => undefined)));
    await web?.close();
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
    expect(await page.getByRole('link', { name: 'Sign in with Google' }).getAttribute('href')).toBe(
      '/api/auth/google?transport=cookie',
    );
    expect(await page.getByRole('link', { name: 'Sign in with Yandex' }).getAttribute('href')).toBe(
      '/api/auth/yandex?transport=cookie',
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
    // The link of the mail carries both: /verify confirms at once.
    const code = await web.mailedCode(unverifiedEmail);
    await fresh.goto(`/verify?email=${encodeURIComponent(unverifiedEmail)}&code=${code}`);
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

    await page.getByLabel('Token from the mail').fill(await mailedResetToken(email));
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Login or e-mail').fill(email);
    await page.getByLabel('Password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
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
