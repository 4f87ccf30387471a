import {
  atOnce,
  connectRealtime,
  copies,
  eventually,
  queryRows,
  refusedRealtime,
  startSmtpInbox,
  tally,
  type RealtimeClient,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Chat {
  id: string;
  kind: string;
  assigneeId: string | null;
  unreadCount?: number;
  lastReadId?: string | null;
  members?: { userId: string; lastReadId: string | null }[];
}

interface Message {
  id: string;
  chatId: string;
  authorId: string;
  text: string;
  version: number;
  edited: boolean;
  deleted: boolean;
}

interface Notification {
  id: string;
  kind: string;
  actorId: string;
  chatId: string | null;
  postId: string | null;
  count: number;
  readAt: string | null;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const N = 10;
const MESSAGES_PER_MINUTE = 40;
const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/**
 * Chats and notifications through `npm start`'s gateway (issue 15): the socket handshake takes only a live
 * access token, direct messages follow the recipient's privacy and blocks, item rooms and the support queue
 * work for their users, every message is stored before it is pushed, receipts and typing reach the other
 * side, notifications arrive over the socket and by REST, and a revoked session's socket is disconnected.
 */
describe('chats and notifications through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let anna: SignedInUser;
  let boris: SignedInUser;
  let clara: SignedInUser;
  let moderators: SignedInUser[];
  const sockets: RealtimeClient[] = [];
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  async function socketOf(user: SignedInUser): Promise<RealtimeClient> {
    const client = await connectRealtime(platform.gatewayUrl, { token: user.token });
    sockets.push(client);
    return client;
  }

  const openDirect = (from: SignedInUser, to: SignedInUser) =>
    call<Chat>('POST', '/chats', from, { userId: to.id });

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'chats', {
      env: {
        ...adminEnv(inbox),
        SOCIAL_SOCKET_RECHECK_MS: '500',
        SOCIAL_MESSAGES_PER_MINUTE: String(MESSAGES_PER_MINUTE),
      },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    anna = await api.socialUser(users, 'c_anna');
    boris = await api.socialUser(users, 'c_boris');
    clara = await api.socialUser(users, 'c_clara');
    moderators = [];
    for (let index = 0; index < 3; index += 1) {
      moderators.push(await api.socialUser(users, `c_mod${index}`, 'moderator'));
    }
  }, 240_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) {
      socket.close();
    }
  });

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('takes only a live access token at the handshake: auth.token, a bearer header, or the cookie from our origin', async () => {
    expect((await refusedRealtime(platform.gatewayUrl)).data).toMatchObject({
      code: 'AUTHENTICATION_REQUIRED',
      status: 401,
    });
    expect((await refusedRealtime(platform.gatewayUrl, { token: 'not.a.token' })).data).toMatchObject({
      code: 'INVALID_ACCESS_TOKEN',
    });
    const forged = `${anna.token.slice(0, -4)}AAAA`;
    expect((await refusedRealtime(platform.gatewayUrl, { token: forged })).data).toMatchObject({
      code: 'INVALID_ACCESS_TOKEN',
    });

    const byHeader = await connectRealtime(platform.gatewayUrl, {
      headers: { authorization: `Bearer ${anna.token}` },
    });
    sockets.push(byHeader);
    expect(byHeader.socket.connected).toBe(true);

    const cookie = `agora_access=${anna.token}`;
    const badlyEncoded = await refusedRealtime(platform.gatewayUrl, {
      headers: { cookie: 'agora_access=%', origin: platform.gatewayUrl },
    });
    expect(badlyEncoded.data).toMatchObject({ code: 'INVALID_ACCESS_TOKEN', status: 401 });
    const fromElsewhere = await refusedRealtime(platform.gatewayUrl, {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(fromElsewhere.data).toMatchObject({ code: 'SOCKET_ORIGIN_REFUSED', status: 403 });
    const fromOurPage = await connectRealtime(platform.gatewayUrl, {
      headers: { cookie, origin: platform.gatewayUrl },
    });
    sockets.push(fromOurPage);
    expect(fromOurPage.socket.connected).toBe(true);
  });

  it('opens one direct chat per pair however many openings meet, and delivers stored messages both ways', async () => {
    const opened = await atOnce(copies(N, () => openDirect(anna, boris)));
    expect(tally(opened.map((answer) => answer.status))).toEqual({ 200: N - 1, 201: 1 });
    expect(new Set(opened.map((answer) => answer.body.id)).size).toBe(1);
    const chat = opened[0].body;
    expect((await openDirect(boris, anna)).body.id).toBe(chat.id);
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM social.chat_members WHERE chat_id = $1`,
        [chat.id],
      ),
    ).toEqual([{ n: 2 }]);

    const borisSocket = await socketOf(boris);
    const annaSocket = await socketOf(anna);
    const arriving = borisSocket.next<Message>('chat.message', (message) => message.chatId === chat.id);
    const sent = await call<Message>('POST', `/chats/${chat.id}/messages`, anna, {
      text: '  Hi Boris\u200e!  ',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ text: 'Hi Boris!', authorId: anna.id, version: 1, edited: false });
    // Stored before it was pushed: the row exists when the push arrives.
    const pushed = await arriving;
    expect(pushed.id).toBe(sent.body.id);
    expect(
      await queryRows(platform.adminUrl, `SELECT text FROM social.chat_messages WHERE id = $1`, [pushed.id]),
    ).toEqual([{ text: 'Hi Boris!' }]);

    // Over the socket, with an acknowledgement; Anna's other devices hear it too.
    const back = annaSocket.next<Message>('chat.message', (message) => message.authorId === boris.id);
    const ack = await borisSocket.request<{ ok: boolean; message: Message }>('chat.send', {
      chatId: chat.id,
      text: 'Hello Anna',
    });
    expect(ack).toMatchObject({ ok: true, message: { text: 'Hello Anna', authorId: boris.id } });
    expect((await back).id).toBe(ack.message.id);

    // Unread counts and read receipts.
    const annaChats = await call<Page<Chat>>('GET', '/chats', anna);
    const listed = annaChats.body.items.find((item) => item.id === chat.id);
    expect(listed).toMatchObject({ unreadCount: 1 });
    // The list names a direct chat's members (one more query for the page), so a client can show the peer.
    expect(listed?.members?.map((member) => member.userId).sort()).toEqual([anna.id, boris.id].sort());
    const receipt = borisSocket.next<{ userId: string; lastReadId: string }>(
      'chat.read',
      (read) => read.userId === anna.id,
    );
    const read = await call<{ unreadCount: number; lastReadId: string }>(
      'POST',
      `/chats/${chat.id}/read`,
      anna,
      {
        messageId: ack.message.id,
      },
    );
    expect(read.body).toMatchObject({ unreadCount: 0, lastReadId: ack.message.id });
    expect((await receipt).lastReadId).toBe(ack.message.id);
    // Never back: reading an older message keeps the position.
    await call('POST', `/chats/${chat.id}/read`, anna, { messageId: sent.body.id });
    const described = await call<Chat>('GET', `/chats/${chat.id}`, anna);
    expect(described.body).toMatchObject({ lastReadId: ack.message.id, unreadCount: 0 });
    expect(described.body.members?.find((member) => member.userId === anna.id)?.lastReadId).toBe(
      ack.message.id,
    );

    // Typing reaches the other side's joined sockets.
    expect(await borisSocket.request('chat.typing', { chatId: chat.id })).toMatchObject({
      ok: false,
      code: 'CHAT_NOT_FOUND',
    });
    expect(await annaSocket.request('chat.join', { chatId: chat.id })).toMatchObject({ ok: true });
    expect(await borisSocket.request('chat.join', { chatId: chat.id })).toMatchObject({ ok: true });
    const typing = annaSocket.next<{ userId: string }>('chat.typing', (event) => event.userId === boris.id);
    expect(await borisSocket.request('chat.typing', { chatId: chat.id })).toEqual({ ok: true });
    expect(await typing).toMatchObject({ chatId: chat.id, userId: boris.id });

    // Clara is not in it: a 404, over REST and the socket alike.
    const claraSocket = await socketOf(clara);
    expectProblem(await call('GET', `/chats/${chat.id}`, clara), 404, 'CHAT_NOT_FOUND');
    expectProblem(await call('GET', `/chats/${chat.id}/messages`, clara), 404, 'CHAT_NOT_FOUND');
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, clara, { text: 'hi' }),
      404,
      'CHAT_NOT_FOUND',
    );
    expect(await claraSocket.request('chat.join', { chatId: chat.id })).toMatchObject({
      ok: false,
      code: 'CHAT_NOT_FOUND',
      status: 404,
    });
  });

  it('pages the history by cursor, edits with If-Match, and deletes leaving an empty place', async () => {
    const chat = (await openDirect(anna, clara)).body;
    const sent: Message[] = [];
    for (let index = 0; index < 7; index += 1) {
      sent.push(
        (
          await call<Message>('POST', `/chats/${chat.id}/messages`, index % 2 ? clara : anna, {
            text: `m${index}`,
          })
        ).body,
      );
    }
    const first = await call<Page<Message>>('GET', `/chats/${chat.id}/messages?limit=3`, clara);
    expect(first.body.items.map((message) => message.text)).toEqual(['m6', 'm5', 'm4']);
    const second = await call<Page<Message>>(
      'GET',
      `/chats/${chat.id}/messages?limit=3&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      clara,
    );
    expect(second.body.items.map((message) => message.text)).toEqual(['m3', 'm2', 'm1']);
    expectProblem(
      await call('GET', `/chats/${chat.id}/messages?cursor=forged`, clara),
      400,
      'INVALID_LIST_QUERY',
    );

    const claraSocket = await socketOf(clara);
    const target = sent[0];
    const updated = claraSocket.next<Message>('chat.message.updated', (message) => message.id === target.id);
    expectProblem(
      await call('PATCH', `/chats/${chat.id}/messages/${target.id}`, clara, { text: 'not mine' }),
      403,
      'NOT_YOUR_MESSAGE',
    );
    expectProblem(
      await call(
        'PATCH',
        `/chats/${chat.id}/messages/${target.id}`,
        anna,
        { text: 'stale' },
        { 'if-match': '"7"' },
      ),
      412,
      'PRECONDITION_FAILED',
    );
    const edits = await atOnce(
      copies(N, (index) =>
        call<Message>(
          'PATCH',
          `/chats/${chat.id}/messages/${target.id}`,
          anna,
          { text: `edit ${index}` },
          { 'if-match': '"1"' },
        ),
      ),
    );
    expect(tally(edits.map((answer) => answer.status))).toEqual({ 200: 1, 412: N - 1 });
    const winner = edits.find((answer) => answer.status === 200)!.body;
    expect(winner).toMatchObject({ version: 2, edited: true });
    expect((await updated).text).toBe(winner.text);

    const deleted = claraSocket.next<Message>('chat.message.deleted', (message) => message.id === target.id);
    const removals = await atOnce(
      copies(N, () => call('DELETE', `/chats/${chat.id}/messages/${target.id}`, anna)),
    );
    expect(tally(removals.map((answer) => answer.status))).toEqual({ 204: N });
    expect(await deleted).toMatchObject({ deleted: true, text: '' });
    const all = await call<Page<Message>>('GET', `/chats/${chat.id}/messages?limit=10&sort=createdAt`, anna);
    expect(all.body.items[0]).toMatchObject({ id: target.id, deleted: true, text: '' });
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM social.outbox WHERE topic = 'social.chat.message.changed.v1' AND key = $1`,
        [chat.id],
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('writes only where the recipient allows: privacy settings and blocks, both ways', async () => {
    const dora = await api.socialUser(users, 'c_dora');
    const eric = await api.socialUser(users, 'c_eric');
    const profile = (await call<{ version: number }>('GET', `/profiles/${dora.id}`)).body;
    expect(
      (
        await call(
          'PATCH',
          '/profiles/me',
          dora,
          { messagesFrom: 'nobody' },
          { 'if-match': `"${profile.version}"` },
        )
      ).status,
    ).toBe(200);
    expectProblem(await openDirect(eric, dora), 403, 'MESSAGES_NOT_ACCEPTED');
    expectProblem(
      await call('PATCH', '/profiles/me', dora, { messagesFrom: 'friends' }),
      400,
      'VALIDATION_FAILED',
    );

    await call('PATCH', '/profiles/me', dora, { messagesFrom: 'following' });
    expectProblem(await openDirect(eric, dora), 403, 'MESSAGES_NOT_ACCEPTED');
    expect((await call('PUT', `/me/following/${eric.id}`, dora)).status).toBe(200);
    const opened = await openDirect(eric, dora);
    expect(opened.status).toBe(201);
    const chat = opened.body;

    await call('PATCH', '/profiles/me', dora, { messagesFrom: 'mutuals' });
    expectProblem(await openDirect(eric, dora), 403, 'MESSAGES_NOT_ACCEPTED');
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, eric, { text: 'hi' }),
      403,
      'MESSAGES_NOT_ACCEPTED',
    );
    await call('PUT', `/me/following/${dora.id}`, eric);
    const hi = await call<Message>('POST', `/chats/${chat.id}/messages`, eric, { text: 'hi' });
    expect(hi.status).toBe(201);
    // An edit says something new: it needs what a new message needs.
    await call('PATCH', '/profiles/me', dora, { messagesFrom: 'nobody' });
    const edit = () => call('PATCH', `/chats/${chat.id}/messages/${hi.body.id}`, eric, { text: 'hi again' });
    expectProblem(await edit(), 403, 'MESSAGES_NOT_ACCEPTED');
    await call('PATCH', '/profiles/me', dora, { messagesFrom: 'everyone' });
    expect((await edit()).status).toBe(200);

    // A block cuts the chat both ways, whoever blocked.
    await call('PUT', `/me/blocks/${eric.id}`, dora);
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, eric, { text: 'still there?' }),
      403,
      'BLOCKED',
    );
    expectProblem(await call('POST', `/chats/${chat.id}/messages`, dora, { text: 'bye' }), 403, 'BLOCKED');
    expectProblem(await openDirect(eric, dora), 403, 'BLOCKED');
    expectProblem(await edit(), 403, 'BLOCKED');
    const ericSocket = await socketOf(eric);
    const doraSocket = await socketOf(dora);
    expect(await ericSocket.request('chat.join', { chatId: chat.id })).toMatchObject({ ok: true });
    expect(await doraSocket.request('chat.join', { chatId: chat.id })).toMatchObject({ ok: true });
    expect(await ericSocket.request('chat.typing', { chatId: chat.id })).toMatchObject({
      ok: false,
      code: 'BLOCKED',
    });
    expect(await ericSocket.request('chat.send', { chatId: chat.id, text: 'via socket' })).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      status: 403,
    });

    expectProblem(await openDirect(eric, eric), 422, 'CANNOT_MESSAGE_SELF');
    expectProblem(await call('POST', '/chats', eric, { userId: NOBODY }), 404, 'PROFILE_NOT_FOUND');
    expectProblem(await call('POST', '/chats', eric, { userId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses what does not fit: empty and oversized texts, NUL in JSON, bad socket payloads', async () => {
    const chat = (await openDirect(boris, clara)).body;
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, boris, { text: ' \u200f\n ' }),
      422,
      'EMPTY_MESSAGE',
    );
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, boris, { text: 'a\u0000b' }),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, boris, { text: 'x'.repeat(4001) }),
      422,
      'TEXT_TOO_LONG',
    );
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, boris, { text: 'x'.repeat(9000) }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', `/chats/${chat.id}/messages`, boris, { text: 42 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', `/chats/${NOBODY}/messages`, boris, { text: 'hi' }),
      404,
      'CHAT_NOT_FOUND',
    );
    expectProblem(await call('GET', '/chats/not-a-uuid', boris), 400, 'VALIDATION_FAILED');
    expectProblem(
      await call('POST', `/chats/${chat.id}/read`, boris, { messageId: NOBODY }),
      404,
      'MESSAGE_NOT_FOUND',
    );
    expectProblem(await call('GET', '/chats'), 401, 'AUTHENTICATION_REQUIRED');

    const socket = await socketOf(boris);
    for (const payload of [
      null,
      'text',
      { chatId: 'x' },
      { chatId: chat.id },
      { chatId: chat.id, text: 5 },
    ]) {
      expect(await socket.request('chat.send', payload)).toMatchObject({
        ok: false,
        code: 'INVALID_SOCKET_EVENT',
        status: 400,
      });
    }
    expect(await socket.request('chat.send', { chatId: chat.id, text: '' })).toMatchObject({
      ok: false,
      code: 'EMPTY_MESSAGE',
    });
    expect(await socket.request('subscribe', { channel: 'nowhere' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CHANNEL',
    });
    // The socket has no HTTP edge in front: it refuses what REST refuses, sanitizes as REST does, and stays usable.
    for (const text of ['fi\u0000ne', 'a\ud800b']) {
      expect(await socket.request('chat.send', { chatId: chat.id, text })).toMatchObject({
        ok: false,
        code: 'INVALID_SOCKET_EVENT',
      });
    }
    expect(await socket.request('chat.send', { chatId: chat.id, text: 'fine\u202e' })).toMatchObject({
      ok: true,
      message: { text: 'fine' },
    });

    // Typing is passed on at most once a second per socket and chat, however often it is sent.
    const other = await socketOf(clara);
    for (const client of [socket, other]) {
      expect(await client.request('chat.join', { chatId: chat.id })).toMatchObject({ ok: true });
    }
    let heard = 0;
    other.socket.on('chat.typing', () => {
      heard += 1;
    });
    const acks = await Promise.all(
      Array.from({ length: 50 }, () => socket.request('chat.typing', { chatId: chat.id })),
    );
    expect(acks.every((ack) => (ack as { ok: boolean }).ok)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toBe(1);
  });

  it('limits how many messages a user sends a minute, over REST and the socket together', async () => {
    const spammer = await api.socialUser(users, 'c_spammer');
    const chat = (await openDirect(spammer, anna)).body;
    const sent = await atOnce(
      copies(MESSAGES_PER_MINUTE + 5, (index) =>
        call('POST', `/chats/${chat.id}/messages`, spammer, { text: `buy now ${index}` }),
      ),
    );
    expect(tally(sent.map((answer) => answer.status))).toEqual({ 201: MESSAGES_PER_MINUTE, 429: 5 });
    const refused = sent.find((answer) => answer.status === 429)!;
    expectProblem(refused, 429, 'RATE_LIMITED');
    const socket = await socketOf(spammer);
    expect(await socket.request('chat.send', { chatId: chat.id, text: 'and more' })).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      status: 429,
    });
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM social.chat_messages WHERE chat_id = $1`,
        [chat.id],
      ),
    ).toEqual([{ n: MESSAGES_PER_MINUTE }]);
    // Others are not held back by the spammer's budget.
    expect((await call('POST', `/chats/${chat.id}/messages`, anna, { text: 'stop it' })).status).toBe(201);
  });

  it("gives every catalog item one discussion room, open to signed-in users, hiding blocked users' messages", async () => {
    const admin = await users.admin();
    const roaster = await call<{ id: string }>('POST', '/dictionaries/roasters', admin, {
      name: 'Chat Roasters',
    });
    const coffee = await call<{ id: string }>('POST', '/coffees', admin, {
      name: 'Talked-about',
      roasterId: roaster.body.id,
    });
    expect(coffee.status).toBe(201);
    const room = await eventually(
      async () => {
        const answer = await call<Chat>('GET', `/items/coffee/${coffee.body.id}/discussion`, anna);
        return answer.status === 200 ? answer.body : undefined;
      },
      15_000,
      'the coffee in social',
    );
    const rooms = await atOnce(
      copies(N, () => call<Chat>('GET', `/items/coffee/${coffee.body.id}/discussion`, boris)),
    );
    expect(new Set(rooms.map((answer) => answer.body.id))).toEqual(new Set([room.id]));
    expect(room.kind).toBe('item');
    expectProblem(await call('GET', `/items/coffee/${NOBODY}/discussion`, anna), 422, 'ITEM_NOT_FOUND');
    expectProblem(
      await call('GET', `/items/teapot/${coffee.body.id}/discussion`, anna),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('GET', `/items/coffee/${coffee.body.id}/discussion`),
      401,
      'AUTHENTICATION_REQUIRED',
    );

    const fred = await api.socialUser(users, 'c_fred');
    const gina = await api.socialUser(users, 'c_gina');
    await call('PUT', `/me/blocks/${fred.id}`, gina);
    const ginaSocket = await socketOf(gina);
    const annaSocket = await socketOf(anna);
    for (const socket of [ginaSocket, annaSocket]) {
      expect(await socket.request('chat.join', { chatId: room.id })).toMatchObject({ ok: true });
    }
    const heardByGina: Message[] = [];
    ginaSocket.socket.on('chat.message', (message: Message) => heardByGina.push(message));
    const fromFred = annaSocket.next<Message>('chat.message', (message) => message.authorId === fred.id);
    await call('POST', `/chats/${room.id}/messages`, fred, { text: 'Fred here' });
    await fromFred;
    const fromAnna = ginaSocket.next<Message>('chat.message', (message) => message.authorId === anna.id);
    await call('POST', `/chats/${room.id}/messages`, anna, { text: 'Anna here' });
    await fromAnna;
    expect(heardByGina.map((message) => message.authorId)).toEqual([anna.id]);
    const ginaHistory = await call<Page<Message>>('GET', `/chats/${room.id}/messages`, gina);
    expect(ginaHistory.body.items.map((message) => message.text)).toEqual(['Anna here']);
    const claraHistory = await call<Page<Message>>('GET', `/chats/${room.id}/messages`, clara);
    expect(claraHistory.body.items.map((message) => message.text)).toEqual(['Anna here', 'Fred here']);
    // Writers are members: the room is in their chat list; moderators delete what does not belong.
    expect((await call<Page<Chat>>('GET', '/chats', fred)).body.items.map((chat) => chat.id)).toContain(
      room.id,
    );
    // Nor do Fred's edits, typing or read receipts reach Gina.
    const ginaHeard: string[] = [];
    for (const event of ['chat.message.updated', 'chat.typing', 'chat.read']) {
      ginaSocket.socket.on(event, () => ginaHeard.push(event));
    }
    const fredSocket = await socketOf(fred);
    expect(await fredSocket.request('chat.join', { chatId: room.id })).toMatchObject({ ok: true });
    const annaHears = annaSocket.next<{ userId: string }>(
      'chat.typing',
      (typing) => typing.userId === fred.id,
    );
    expect(await fredSocket.request('chat.typing', { chatId: room.id })).toEqual({ ok: true });
    await annaHears;
    const edited = annaSocket.next<Message>(
      'chat.message.updated',
      (message) => message.authorId === fred.id,
    );
    const fredsOwn = claraHistory.body.items[1];
    expect(
      (await call('PATCH', `/chats/${room.id}/messages/${fredsOwn.id}`, fred, { text: 'Fred again' })).status,
    ).toBe(200);
    await edited;
    await call('POST', `/chats/${room.id}/read`, fred, { messageId: fredsOwn.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ginaHeard).toEqual([]);

    const fredMessage = claraHistory.body.items[1];
    expectProblem(
      await call('DELETE', `/chats/${room.id}/messages/${fredMessage.id}`, anna),
      403,
      'NOT_YOUR_MESSAGE',
    );
    expect((await call('DELETE', `/chats/${room.id}/messages/${fredMessage.id}`, moderators[0])).status).toBe(
      204,
    );

    // The item goes: its room takes no more messages.
    expect((await call('DELETE', `/coffees/${coffee.body.id}`, admin)).status).toBe(204);
    await eventually(
      async () =>
        (await call('POST', `/chats/${room.id}/messages`, gina, { text: 'still here?' })).status === 422
          ? true
          : undefined,
      15_000,
      'the room closed with its item',
    );
  });

  it('opens one support room per customer, queues it for staff, and lets exactly one of them take it', async () => {
    const customer = await api.socialUser(users, 'c_customer');
    const customerSocket = await socketOf(customer);
    const opened = await atOnce(copies(N, () => call<Chat>('POST', '/support', customer)));
    expect(tally(opened.map((answer) => answer.status))).toEqual({ 200: N - 1, 201: 1 });
    const room = opened[0].body;
    expect(room).toMatchObject({ kind: 'support', assigneeId: null });
    await call('POST', `/chats/${room.id}/messages`, customer, { text: 'My order is late' });

    expectProblem(await call('GET', '/support/queue'), 401, 'AUTHENTICATION_REQUIRED');
    expectProblem(await call('GET', '/support/queue', anna), 403, 'FORBIDDEN_ROLE');
    const queue = await call<Page<Chat>>(
      'GET',
      '/support/queue?filter[assigneeId][null]=true&limit=100',
      moderators[0],
    );
    expect(queue.body.items.map((chat) => chat.id)).toContain(room.id);
    expectProblem(await call('GET', `/chats/${room.id}`, anna), 404, 'CHAT_NOT_FOUND');
    expect((await call('GET', `/chats/${room.id}/messages`, moderators[1])).status).toBe(200);

    const assigned = customerSocket.next<Chat>('chat.assigned', (chat) => chat.id === room.id);
    const takes = await atOnce(
      moderators.map((staff) => () => call<Chat>('PUT', `/support/${room.id}/assignment`, staff)),
    );
    expect(tally(takes.map((answer) => answer.status))).toEqual({ 200: 1, 409: moderators.length - 1 });
    for (const refused of takes.filter((answer) => answer.status === 409)) {
      expectProblem(refused, 409, 'SUPPORT_ALREADY_ASSIGNED');
    }
    const winnerIndex = takes.findIndex((answer) => answer.status === 200);
    const winner = moderators[winnerIndex];
    expect((await assigned).assigneeId).toBe(winner.id);
    const assignedQueue = await call<Page<Chat>>(
      'GET',
      '/support/queue?filter[assigneeId][null]=true&limit=100',
      winner,
    );
    expect(assignedQueue.body.items.map((chat) => chat.id)).not.toContain(room.id);

    const answer = customerSocket.next<Message>('chat.message', (message) => message.authorId === winner.id);
    expect((await call('POST', `/chats/${room.id}/messages`, winner, { text: 'On its way' })).status).toBe(
      201,
    );
    expect((await answer).text).toBe('On its way');

    const other = moderators[(winnerIndex + 1) % moderators.length];
    expectProblem(await call('DELETE', `/support/${room.id}/assignment`, other), 403, 'NOT_SUPPORT_ASSIGNEE');
    expect((await call<Chat>('DELETE', `/support/${room.id}/assignment`, winner)).body.assigneeId).toBeNull();
    expect((await call<Chat>('PUT', `/support/${room.id}/assignment`, other)).body.assigneeId).toBe(other.id);
    expectProblem(await call('PUT', `/support/${NOBODY}/assignment`, other), 404, 'CHAT_NOT_FOUND');
  });

  it('notifies of followers, likes, comments, mentions and messages while offline, over the socket and by REST', async () => {
    const hana = await api.socialUser(users, 'c_hana');
    const ivan = await api.socialUser(users, 'c_ivan');
    const hanaSocket = await socketOf(hana);
    const followed = hanaSocket.next<Notification>('notification', (n) => n.kind === 'follower');
    await call('PUT', `/me/following/${hana.id}`, ivan);
    expect(await followed).toMatchObject({ kind: 'follower', actorId: ivan.id });

    const post = await call<{ id: string }>('POST', '/posts', hana, { text: 'New beans!' });
    const liked = hanaSocket.next<Notification>('notification', (n) => n.kind === 'like');
    const likes = await atOnce(copies(N, () => call('PUT', `/posts/${post.body.id}/like`, ivan)));
    expect(tally(likes.map((answer) => answer.status))).toEqual({ 200: N });
    expect(await liked).toMatchObject({ postId: post.body.id, actorId: ivan.id });
    const commented = hanaSocket.next<Notification>('notification', (n) => n.kind === 'comment');
    await call('POST', `/posts/${post.body.id}/comments`, ivan, { text: 'Looks great' });
    await commented;
    const mentioned = hanaSocket.next<Notification>('notification', (n) => n.kind === 'mention');
    await call('POST', '/posts', ivan, { text: `Ask @${hana.login} about beans` });
    await mentioned;

    // Offline: chat messages become one notification per chat, counting them.
    hanaSocket.close();
    const chat = (await openDirect(ivan, hana)).body;
    await call('POST', `/chats/${chat.id}/messages`, ivan, { text: 'one' });
    await call('POST', `/chats/${chat.id}/messages`, ivan, { text: 'two' });
    const messageNotice = await eventually(
      async () => {
        const list = await call<Page<Notification>>('GET', '/notifications?filter[kind]=chat-message', hana);
        return list.body.items[0]?.count === 2 ? list.body.items[0] : undefined;
      },
      10_000,
      'the chat notification',
    );
    expect(messageNotice).toMatchObject({ chatId: chat.id, actorId: ivan.id, readAt: null });

    const all = await call<Page<Notification>>('GET', '/notifications?limit=50', hana);
    expect(all.body.items.map((n) => n.kind).sort()).toEqual([
      'chat-message',
      'comment',
      'follower',
      'like',
      'mention',
    ]);
    // Each event once, however many likes were sent: one like notification.
    expect(all.body.items.filter((n) => n.kind === 'like')).toHaveLength(1);
    expect((await call<{ count: number }>('GET', '/notifications/unread', hana)).body.count).toBe(5);

    const online = await socketOf(hana);
    const unread = online.next<{ count: number }>('notifications.unread', (event) => event.count === 3);
    const marked = await call<{ count: number }>('POST', '/notifications/read', hana, {
      ids: all.body.items.filter((n) => n.kind === 'like' || n.kind === 'comment').map((n) => n.id),
    });
    expect(marked.body.count).toBe(3);
    await unread;
    expect(
      (await call<Page<Notification>>('GET', '/notifications?filter[readAt][null]=true', hana)).body.items,
    ).toHaveLength(3);
    expect(
      (await call<{ count: number }>('POST', '/notifications/read', hana, { all: true })).body.count,
    ).toBe(0);
    expectProblem(await call('POST', '/notifications/read', hana, { ids: ['x'] }), 400, 'VALIDATION_FAILED');
    // Someone else's notification ids change nothing of theirs.
    await call('POST', '/notifications/read', ivan, { ids: all.body.items.map((n) => n.id) });

    // Online, a message pushes no notification (the message itself arrived).
    const three = online.next<Message>('chat.message', (message) => message.text === 'three');
    expect((await call('POST', `/chats/${chat.id}/messages`, ivan, { text: 'three' })).status).toBe(201);
    await three;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call<{ count: number }>('GET', '/notifications/unread', hana)).body.count).toBe(0);
  });

  it('disconnects a socket within seconds of its session ending', async () => {
    const session = await users.signIn('c_clara');
    const socket = await connectRealtime(platform.gatewayUrl, { token: session.accessToken });
    sockets.push(socket);
    const ended = socket.next<{ code: string }>('session.ended', () => true, 10_000);
    const gone = socket.disconnected(10_000);
    const started = Date.now();
    expect(
      (await call('POST', '/logout', undefined, { refreshToken: session.refreshToken })).status,
    ).toBeLessThan(300);
    expect(await ended).toMatchObject({ code: 'ACCESS_TOKEN_REVOKED' });
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await refusedRealtime(platform.gatewayUrl, { token: session.accessToken })).data).toMatchObject({
      code: 'ACCESS_TOKEN_REVOKED',
    });
  });
});
