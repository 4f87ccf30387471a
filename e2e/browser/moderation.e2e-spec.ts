import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AgoraClient } from '../../clients/typescript/src/index.js';
import { checkPage, WebPlatform, type DemoRole } from './support/browser.js';

/**
 * The moderators' queue in a real browser (issue 20): a user proposes coffees through the API client (the web
 * has no proposing page of its own here), the demo moderator reads the field-by-field diff and approves one and
 * rejects the other with a message the author reads; anyone else meets a refusal.
 */
describe('moderation in the browser', () => {
  let web: WebPlatform;
  const contexts: BrowserContext[] = [];

  async function signedIn(role: DemoRole): Promise<BrowserContext> {
    const context = await web.signedInContext(role);
    contexts.push(context);
    return context;
  }

  /** A user's coffee proposal (202, a draft) with a roaster of the demo catalog, and that roaster's name. */
  async function propose(
    author: AgoraClient,
    name: string,
    variety: string,
  ): Promise<{ draftId: string; roaster: string }> {
    const { data: roasters } = await author.GET('/dictionaries/{kind}', {
      params: { path: { kind: 'roasters' }, query: { limit: 1 } },
    });
    const roaster = roasters?.items[0];
    expect(roaster).toBeTruthy();
    const { data, response } = await author.POST('/coffees', {
      body: { name, roasterId: roaster!.id, variety },
    });
    expect(response.status).toBe(202);
    return { draftId: (data as { id: string }).id, roaster: roaster!.name };
  }

  beforeAll(async () => {
    web = await WebPlatform.start(inject('testDatabaseUrl'), 'web-moderation', { demoItems: 200 });
  }, 240_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) {
      await context.close().catch(() => undefined);
    }
  });

  afterAll(async () => {
    await web?.close();
  });

  it('the demo moderator reads the diff and approves one proposal, rejects another with a message', async () => {
    const author = await web.clientOf('user');
    const { draftId: approvedId, roaster } = await propose(author, 'Ethiopia Guji Browser', 'Heirloom');
    const { draftId: rejectedId } = await propose(author, 'Kenya Nyeri Browser', 'SL28');

    const moderator = await signedIn('moderator');
    const queue = await web.open(moderator, '/moderation');
    await queue.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const proposal = queue.getByRole('link', { name: 'New: coffee “Ethiopia Guji Browser”' });
    await proposal.waitFor();
    await queue.getByRole('link', { name: 'New: coffee “Kenya Nyeri Browser”' }).waitFor();
    await checkPage(queue, 'moderation-queue');

    await proposal.click();
    await queue.waitForURL(`**/moderation/${approvedId}`);
    await queue.getByRole('heading', { level: 1, name: 'Proposal: coffee Ethiopia Guji Browser' }).waitFor();
    const diff = queue.getByRole('table', { name: 'Changes field by field' });
    const nameRow = diff
      .getByRole('row')
      .filter({ has: queue.getByRole('rowheader', { name: 'name', exact: true }) });
    await expect(nameRow.getByRole('cell').allTextContents()).resolves.toEqual([
      '—',
      'Ethiopia Guji Browser',
      'Changed',
    ]);
    await diff
      .getByRole('row')
      .filter({ has: queue.getByRole('rowheader', { name: 'variety', exact: true }) })
      .getByText('Heirloom')
      .waitFor();
    // A dictionary value shows by its name, not its id.
    await diff
      .getByRole('row')
      .filter({ has: queue.getByRole('rowheader', { name: 'roasterId', exact: true }) })
      .getByText(roaster, { exact: true })
      .waitFor();
    await checkPage(queue, 'moderation-draft');

    await queue
      .getByRole('textbox', { name: 'Message to the author (optional)' })
      .fill('Welcome to the catalog.');
    await queue.getByRole('button', { name: 'Approve' }).click();
    await queue.getByRole('status').getByText('Decision saved: Approved.').waitFor();
    await queue.getByText('Status: Approved').waitFor();
    await expect(queue.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);

    const { data: approved } = await author.GET('/drafts/{id}', { params: { path: { id: approvedId } } });
    expect(approved).toMatchObject({ status: 'approved' });
    const { data: coffee } = await author.GET('/coffees/{id}', {
      params: { path: { id: approved!.targetId! } },
    });
    expect(coffee?.name).toBe('Ethiopia Guji Browser');

    // Back to the queue: the approved one has left it; the other is rejected with a message.
    await queue.getByRole('link', { name: 'Back to the queue' }).click();
    const next = queue.getByRole('link', { name: 'New: coffee “Kenya Nyeri Browser”' });
    await next.waitFor();
    await expect(queue.getByRole('link', { name: /Ethiopia Guji Browser/ }).count()).resolves.toBe(0);
    await next.click();
    await queue.getByRole('heading', { level: 1, name: 'Proposal: coffee Kenya Nyeri Browser' }).waitFor();
    await queue.getByRole('textbox', { name: 'Why (the author reads it)' }).fill('Nyeri is already listed.');
    await queue.getByRole('checkbox', { name: 'Let the author revise it' }).check();
    await queue.getByRole('button', { name: 'Reject' }).click();
    await queue.getByText('Status: Changes requested').waitFor();
    await queue.getByText('Moderator’s message: Nyeri is already listed.').waitFor();

    const { data: rejected } = await author.GET('/drafts/{id}', { params: { path: { id: rejectedId } } });
    expect(rejected).toMatchObject({ status: 'changes-requested', message: 'Nyeri is already listed.' });
  });

  it('an edit proposal shows the current value beside the proposed one', async () => {
    const author = await web.clientOf('user');
    const { data: coffees } = await author.GET('/coffees', { params: { query: { limit: 1, sort: 'name' } } });
    const coffee = coffees!.items[0];
    const { data, response } = await author.PATCH('/coffees/{id}', {
      params: { path: { id: coffee.id } },
      body: { name: `${coffee.name} (browser edit)` },
    });
    expect(response.status).toBe(202);
    const draftId = (data as { id: string }).id;

    const moderator = await signedIn('moderator');
    const page = await web.open(moderator, `/moderation/${draftId}`);
    const nameRow = page
      .getByRole('table', { name: 'Changes field by field' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'name', exact: true }) });
    await expect(nameRow.getByRole('cell').allTextContents()).resolves.toEqual([
      coffee.name,
      `${coffee.name} (browser edit)`,
      'Changed',
    ]);
    await checkPage(page, 'moderation-edit-draft');
  });

  it('a user who is not staff is refused the queue', async () => {
    const user = await signedIn('user');
    const page = await web.open(user, '/moderation');
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    await page.getByRole('alert').getByText('Only moderators and admins review proposals.').waitFor();
    await checkPage(page, 'moderation-refused');
  });
});
