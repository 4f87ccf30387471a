import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, expectAccessible, WebPlatform, type DemoRole } from './support/browser.js';

/**
 * Chats and notifications in a real browser (issue 20): two browser contexts talk in a direct chat live over the
 * socket (unread count, receipt, typing, edit, delete), a notification waits for the one who was away and new
 * ones arrive on the open page, and a customer's support room is taken from the queue and answered by the demo
 * moderator.
 */
describe('chats and notifications in the browser', () => {
  let web: WebPlatform;
  const contexts: BrowserContext[] = [];

  /** A signed-in demo account's browser profile (at a phone's width when given), closed after each test. */
  async function signedIn(role: DemoRole, width?: number): Promise<BrowserContext> {
    const context = await web.signedInContext(role, width === undefined ? {} : { width });
    contexts.push(context);
    return context;
  }

  async function userIdOf(context: BrowserContext): Promise<string> {
    const me = (await (await context.request.get('/api/me')).json()) as { id: string };
    return me.id;
  }

  const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web-chats', { demoItems: 200 });
  }, 240_000);

  // Closed pages close their sockets: someone is "away" again for the next test.
  afterEach(async () => {
    for (const context of contexts.splice(0)) {
      await context.close().catch(() => undefined);
    }
  });

  afterAll(async () => {
    await web?.close();
  });

  it('two users chat live: unread count, receipt, typing, reply, edit and delete', async () => {
    const anna = await signedIn('user');
    const boris = await signedIn('seller');
    const borisId = await userIdOf(boris);

    const borisChats = await web.open(boris, '/chats');
    await borisChats.getByRole('heading', { name: 'My chats' }).waitFor();

    // The profile page's link opens the direct chat with the user at once.
    const annaChat = await web.open(anna, `/chats?with=${borisId}`);
    await annaChat.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
    await annaChat.getByRole('heading', { level: 1, name: 'Chat with demo-seller' }).waitFor();
    await composer(annaChat).fill('Hello Boris, is the grinder still for sale?');
    await annaChat.getByRole('button', { name: 'Send' }).click();
    await annaChat
      .getByTestId('message')
      .filter({ hasText: 'Hello Boris, is the grinder still for sale?' })
      .waitFor();
    await annaChat.getByText('Sent', { exact: true }).waitFor();

    // Boris's list hears the message over the socket: the chat comes up with its unread count.
    const annaItem = borisChats.getByRole('listitem').filter({ hasText: 'Chat with demo-user' });
    await annaItem.getByText('1 unread').waitFor();
    await checkPage(borisChats, 'chats');

    await annaItem.getByRole('link', { name: /Chat with demo-user/ }).click();
    await borisChats.getByRole('heading', { level: 1, name: 'Chat with demo-user' }).waitFor();
    await borisChats
      .getByTestId('message')
      .filter({ hasText: 'Hello Boris, is the grinder still for sale?' })
      .waitFor();
    // Shown to Boris, the message is read: Anna's page gets the receipt.
    await annaChat.getByText('Seen', { exact: true }).waitFor();

    // Boris types: Anna sees it, then the reply itself.
    await composer(borisChats).pressSequentially('Yes, it is', { delay: 30 });
    await annaChat.getByText('demo-seller is typing…').waitFor();
    await borisChats.getByRole('button', { name: 'Send' }).click();
    await annaChat.getByTestId('message').filter({ hasText: 'Yes, it is' }).waitFor();
    await expect.poll(() => annaChat.getByTestId('typing').textContent()).toBe('');

    // Anna edits her message, then deletes it: both reach Boris live.
    const annaMessage = annaChat.getByTestId('message').filter({ hasText: 'grinder' });
    await annaMessage.getByRole('button', { name: 'Edit' }).click();
    const edit = annaChat.getByRole('textbox', { name: 'Edit your message' });
    await edit.fill('Hello Boris, is the Comandante still for sale?');
    await annaChat.getByRole('button', { name: 'Save' }).click();
    await borisChats
      .getByTestId('message')
      .filter({ hasText: 'Hello Boris, is the Comandante still for sale?' })
      .waitFor();
    await borisChats.getByTestId('message').filter({ hasText: 'Comandante' }).getByText('edited').waitFor();
    await checkPage(annaChat, 'chat');

    const edited = annaChat.getByTestId('message').filter({ hasText: 'Comandante' });
    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited
      .getByRole('group', { name: 'Delete this message?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await borisChats.getByText('Message deleted').waitFor();
    await expect(borisChats.getByText('Comandante').count()).resolves.toBe(0);
  });

  it('a message to someone away waits as a notification; new ones arrive on the open page and are marked read', async () => {
    const boris = await signedIn('seller');
    const borisId = await userIdOf(boris);
    const annaApi = await web.clientOf('user');

    // Boris has no page open (no socket): Anna's message becomes a notification for him.
    const { data: chat } = await annaApi.POST('/chats', { body: { userId: borisId } });
    expect(chat?.id).toBeTruthy();
    await annaApi.POST('/chats/{id}/messages', {
      params: { path: { id: chat!.id } },
      body: { text: 'Are you there?' },
    });

    const page = await web.open(boris, '/notifications');
    const fromAnna = page.getByTestId('notification').filter({ hasText: 'demo-user sent you a message' });
    await fromAnna.getByText('Unread', { exact: true }).waitFor();
    await page.getByRole('link', { name: /^Notifications [1-9]\d* unread$/ }).waitFor();

    // While the page is open, a new follower's notification is pushed to it.
    await annaApi.PUT('/me/following/{userId}', { params: { path: { userId: borisId } } });
    await page.getByTestId('notification').filter({ hasText: 'demo-user followed you' }).waitFor();
    await checkPage(page, 'notifications');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => page.getByText('Unread', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await expectAccessible(page, 'notifications');

    // The notification leads to its chat.
    await fromAnna.getByRole('link', { name: 'demo-user sent you a message' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat with demo-user' }).waitFor();
    await page.getByTestId('message').filter({ hasText: 'Are you there?' }).waitFor();
  });

  it('starts a chat by login; an unknown login is named next to the field', async () => {
    const anna = await signedIn('user');
    const page = await web.open(anna, '/chats');
    const who = page.getByRole('textbox', { name: 'Login or user id' });
    await who.fill('nobody-by-this-login');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByText('Nobody has this login.').waitFor();
    await expect(who.getAttribute('aria-invalid')).resolves.toBe('true');

    await who.fill('demo-seller');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat with demo-seller' }).waitFor();
  });

  it('a customer opens support, the demo moderator takes the room from the queue and answers', async () => {
    // The customer on a phone.
    const customer = await signedIn('user', 360);
    const moderator = await signedIn('moderator');

    const chats = await web.open(customer, '/chats');
    await chats.getByRole('button', { name: 'Write to support' }).click();
    await chats.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
    await chats.getByText('Waiting for a support agent').waitFor();
    await composer(chats).fill('My order has not arrived.');
    await chats.getByRole('button', { name: 'Send' }).click();
    await chats.getByTestId('message').filter({ hasText: 'My order has not arrived.' }).waitFor();

    // A user has no queue; staff reach it from their chats.
    const notStaff = await web.open(customer, '/support');
    await notStaff.getByText('Only moderators and admins answer support chats.').waitFor();
    await notStaff.close();

    const staffChats = await web.open(moderator, '/chats');
    await staffChats.getByRole('link', { name: 'Support queue' }).click();
    await staffChats.getByRole('heading', { level: 1, name: 'Support queue' }).waitFor();
    const room = staffChats.getByRole('listitem', { name: 'Support room of demo-user' });
    await room.getByText('Nobody has taken it yet').waitFor();
    await checkPage(staffChats, 'support-queue');
    await room.getByRole('button', { name: 'Take' }).click();
    await room.getByText('Taken by demo-moderator').waitFor();
    await room.getByRole('button', { name: 'Release' }).waitFor();

    // The customer's page hears the assignment.
    await chats.getByText('Answered by demo-moderator').waitFor();

    await room.getByRole('link', { name: 'Customer: demo-user' }).click();
    await staffChats.getByRole('heading', { level: 1, name: 'Support: demo-user' }).waitFor();
    await staffChats.getByTestId('message').filter({ hasText: 'My order has not arrived.' }).waitFor();
    await composer(staffChats).fill('We are looking into it right now.');
    await staffChats.getByRole('button', { name: 'Send' }).click();
    await chats.getByTestId('message').filter({ hasText: 'We are looking into it right now.' }).waitFor();
    await checkPage(chats, 'support-chat');
  });
});
