import { png } from '@agora/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, demoAccount, WebPlatform } from './support/browser.js';

/**
 * Profiles in a real browser against the in-process platform with the demo accounts: follow and unfollow
 * (optimistic, kept after a reload, as a pending request is), followers and following lists, a private account's follow request,
 * the owner's edit at the version read, the owner's posts, and a post's page (comments, the comment's notification
 * leading there, the author's edit and delete); axe and a screenshot of each page.
 */
describe('web: profiles, follows and posts', () => {
  let web: WebPlatform;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now().toString(36);

  const signedIn = async (role: 'user' | 'seller' | 'moderator'): Promise<Page> => {
    const context = await web.newContext();
    contexts.push(context);
    const account = demoAccount(role);
    return web.signIn(context, account.login, account.password);
  };

  /** The profile id of a demo account, through the public profile list. */
  const profileId = async (login: string): Promise<string> => {
    const response = await fetch(`${web.url}/api/profiles?filter[login]=${encodeURIComponent(login)}`);
    const page = (await response.json()) as { items: { userId: string }[] };
    const id = page.items[0]?.userId;
    if (!id) {
      throw new Error(`no profile for ${login}`);
    }
    return id;
  };

  const counts = (page: Page) => page.getByTestId('profile-counts');

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web_social', { demoItems: 100 });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((open) => open.close().catch(() => undefined)));
    await web?.close();
  });

  it('follows a demo user from their profile, lists the follow, and unfollows', async () => {
    const seller = demoAccount('seller');
    const user = demoAccount('user');
    const sellerId = await profileId(seller.login);
    const page = await signedIn('user');
    await page.goto(`/profiles/${sellerId}`);
    await page.getByRole('heading', { level: 1, name: seller.login }).waitFor();
    await counts(page).getByText('Followers: 0').waitFor();

    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    // Optimistic: the button and the count change before the answer; the answer keeps them.
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await counts(page).getByText('Followers: 1').waitFor();
    await checkPage(page, 'profile');

    await page.reload();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await counts(page).getByText('Followers: 1').waitFor();

    await page
      .getByRole('navigation', { name: 'Profile sections' })
      .getByRole('link', { name: 'Followers' })
      .click();
    await page.waitForURL((url) => url.pathname === `/profiles/${sellerId}/followers`);
    await page.getByRole('region', { name: 'Followers' }).getByRole('link', { name: user.login }).waitFor();
    await checkPage(page, 'profile-followers');

    // The follower's own profile lists the seller under Following.
    await page.getByRole('region', { name: 'Followers' }).getByRole('link', { name: user.login }).click();
    await page.getByRole('heading', { level: 1, name: user.login }).waitFor();
    await page
      .getByRole('navigation', { name: 'Profile sections' })
      .getByRole('link', { name: 'Following' })
      .click();
    await page.getByRole('region', { name: 'Following' }).getByRole('link', { name: seller.login }).waitFor();

    await page.goto(`/profiles/${sellerId}`);
    await page.getByRole('button', { name: 'Unfollow' }).click();
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    await counts(page).getByText('Followers: 0').waitFor();
  });

  it('edits the own profile and sends a follow request to a private account', async () => {
    const moderator = await signedIn('moderator');
    await moderator.getByRole('link', { name: 'My profile' }).click();
    await moderator.getByRole('button', { name: 'Edit profile' }).click();
    await moderator.getByLabel('Display name').fill(`Moderator ${stamp}`);
    await moderator.getByLabel('About you').fill('Keeps the catalog tidy.');
    await moderator.getByLabel('Private account: follows need my acceptance').check();
    await moderator.getByLabel('New avatar').setInputFiles({
      name: 'face.png',
      mimeType: 'image/png',
      buffer: await png(80, 80, 40),
    });
    // The uploaded photo replaces the letter in the form's preview.
    await moderator.locator('.profile-edit .avatar img').waitFor();
    await checkPage(moderator, 'profile-edit');
    await moderator.getByRole('button', { name: 'Save' }).click();
    await moderator.getByRole('heading', { level: 1, name: `Moderator ${stamp}` }).waitFor();
    await moderator.getByText('Keeps the catalog tidy.').waitFor();
    await moderator.getByText('Private account').waitFor();

    const moderatorId = await profileId(demoAccount('moderator').login);
    const page = await signedIn('user');
    await page.goto(`/profiles/${moderatorId}`);
    await page.getByRole('heading', { level: 1, name: `Moderator ${stamp}` }).waitFor();
    // A private account's posts and lists are for followers: the API's problem says so.
    await page.locator('[data-code="PRIVATE_ACCOUNT"]').waitFor();
    await page.getByRole('button', { name: 'Request to follow' }).click();
    await page.getByRole('button', { name: 'Cancel request' }).waitFor();
    await page.getByText('Requested').waitFor();
    await counts(page).getByText('Followers: 0').waitFor();
    // The request outlives a reload: the page reads it from GET /me/relationships/:userId.
    await page.reload();
    await page.getByRole('button', { name: 'Cancel request' }).waitFor();

    // The private account accepts it from its own profile: the requester follows now.
    await moderator.reload();
    const requests = moderator.getByRole('region', { name: 'Follow requests' });
    await requests.getByRole('link', { name: demoAccount('user').login }).waitFor();
    // With an unread notification (this request) in the header's badge.
    await checkPage(moderator, 'profile-follow-requests');
    await requests
      .getByRole('button', { name: `Accept the request of ${demoAccount('user').login}` })
      .click();
    await requests.waitFor({ state: 'detached' });
    await counts(moderator).getByText('Followers: 1').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    // The avatar shows to others too.
    await page.getByRole('img', { name: `Avatar of Moderator ${stamp}` }).waitFor();
  });

  it('shows a post written on the home page on the author’s profile, likes it, and comments on its page', async () => {
    const user = demoAccount('user');
    const seller = demoAccount('seller');
    const page = await signedIn('user');
    await page.goto('/');
    const text = `Profile post ${stamp}`;
    await page.getByLabel('What is new?').fill(text);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('article').filter({ hasText: text }).waitFor();

    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: user.login }).waitFor();
    const post = page.getByRole('article', { name: `Post by ${user.login}` }).filter({ hasText: text });
    await post.waitFor();
    await post.getByRole('button', { name: 'Like' }).click();
    await post.getByText('1 like').waitFor();
    await page.reload();
    await page.getByRole('article').filter({ hasText: text }).getByText('1 like').waitFor();
    expect(await counts(page).textContent()).toContain('Posts: 1');
    await checkPage(page, 'profile-own');

    // Someone else, on a phone, opens the post's page from its comment count and comments there.
    const other = await web.signedInContext('seller', { width: 360 });
    contexts.push(other);
    const reader = await web.open(other, page.url());
    await reader
      .getByRole('article')
      .filter({ hasText: text })
      .getByRole('link', { name: '0 comments' })
      .click();
    await reader.waitForURL((url) => url.pathname.startsWith('/posts/'));
    const postPath = new URL(reader.url()).pathname;
    await reader.getByRole('heading', { level: 1, name: `Post by ${user.login}` }).waitFor();
    const comment = `Which grinder? ${stamp}`;
    await reader.getByLabel('Your comment').fill(comment);
    await reader.getByRole('button', { name: 'Comment', exact: true }).click();
    await reader.getByTestId('comment').filter({ hasText: comment }).waitFor();
    await reader.getByRole('article').getByRole('link', { name: '1 comment' }).waitFor();
    expect(await reader.getByLabel('Your comment').inputValue()).toBe('');
    // Only the author edits and deletes.
    expect(await reader.getByRole('button', { name: 'Delete the post' }).count()).toBe(0);
    await checkPage(reader, 'post');

    // The author follows the comment's notification to the post's page, edits the post and deletes it.
    await page.goto('/notifications');
    await page
      .getByTestId('notification')
      .getByRole('link', { name: `${seller.login} commented on your post` })
      .click();
    await page.waitForURL((url) => url.pathname === postPath);
    await page.getByTestId('comment').filter({ hasText: comment }).waitFor();
    await page.getByRole('button', { name: 'Edit the post' }).click();
    await page.getByLabel('Text of the post').fill(`${text}, edited`);
    await page.getByRole('button', { name: 'Save' }).click();
    const edited = page.getByRole('article').filter({ hasText: `${text}, edited` });
    await edited.locator('.post__meta', { hasText: 'edited' }).waitFor();
    await edited.getByText('1 like').waitFor();
    await page.getByRole('button', { name: 'Delete the post' }).click();
    await page
      .getByRole('group', { name: 'Delete this post for good?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.waitForURL((url) => url.pathname === '/');

    // Gone: the page says so with the API's problem.
    await reader.reload();
    await reader.getByRole('heading', { level: 1, name: 'Post unavailable' }).waitFor();
    await reader.locator('[data-code="POST_NOT_FOUND"]').waitFor();
  });
});
