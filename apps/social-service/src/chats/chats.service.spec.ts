import type { OutboxWriter, Tx } from '@agora/database';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '@agora/rate-limit';
import type { RealtimeHub } from '../realtime/realtime-hub.js';
import type { SocialConfig } from '../social.config.js';
import { SocialException } from '../social.errors.js';
import type { ChatMessagesRepository } from './chat-messages.repository.js';
import type { ChatEntity } from './chat.entity.js';
import type { ChatsRepository, PeerState } from './chats.repository.js';
import { acceptsMessages, ChatsService, messageText } from './chats.service.js';

const tx = {} as Tx;
const user = actingUser;
const chat = (values: Partial<ChatEntity>): ChatEntity =>
  ({
    id: 'c1',
    kind: 'support',
    customerId: 'customer',
    assigneeId: null,
    lastMessageAt: null,
    createdAt: new Date(),
    ...values,
  }) as ChatEntity;

function service(chats: Partial<ChatsRepository>, hub: Partial<RealtimeHub> = {}) {
  return new ChatsService(
    strictMock<ChatsRepository>('ChatsRepository', chats),
    strictMock<ChatMessagesRepository>('ChatMessagesRepository'),
    inlineUnitOfWork(tx),
    strictMock<OutboxWriter>('OutboxWriter'),
    strictMock<RealtimeHub>('RealtimeHub', hub),
    strictMock<RateLimiter>('RateLimiter'),
    { SOCIAL_MESSAGES_PER_MINUTE: 60, SOCIAL_CHATS_OPENED_PER_HOUR: 60 } as SocialConfig,
  );
}

const peer = (values: Partial<PeerState>): PeerState => ({
  exists: true,
  blocked: false,
  messagesFrom: 'everyone',
  recipientFollows: false,
  senderFollows: false,
  ...values,
});

describe('ChatsService rules', () => {
  it("takes direct messages by the recipient's setting", () => {
    expect(acceptsMessages(peer({ messagesFrom: 'everyone' }))).toBe(true);
    expect(acceptsMessages(peer({ messagesFrom: 'following' }))).toBe(false);
    expect(acceptsMessages(peer({ messagesFrom: 'following', recipientFollows: true }))).toBe(true);
    expect(acceptsMessages(peer({ messagesFrom: 'mutuals', recipientFollows: true }))).toBe(false);
    expect(
      acceptsMessages(peer({ messagesFrom: 'mutuals', recipientFollows: true, senderFollows: true })),
    ).toBe(true);
    expect(
      acceptsMessages(peer({ messagesFrom: 'nobody', recipientFollows: true, senderFollows: true })),
    ).toBe(false);
  });

  it('sanitizes message text and refuses empty or overlong text', () => {
    expect(messageText(' a\u202eb\r\n ')).toBe('ab');
    expect(rejectionOfSync(() => messageText(' \u200f '))).toMatchObject({ code: 'EMPTY_MESSAGE' });
    expect(messageText('é'.repeat(4000))).toHaveLength(4000);
    expect(rejectionOfSync(() => messageText('x'.repeat(4001)))).toMatchObject({ code: 'TEXT_TOO_LONG' });
  });

  it('lets the customer and staff into a support room, and nobody else', async () => {
    const chats = service({
      find: () => Promise.resolve(chat({})),
      memberIds: () => Promise.resolve(['customer']),
    });
    await expect(chats.enter(user('customer'), 'c1')).resolves.toMatchObject({ chat: { id: 'c1' } });
    await expect(chats.enter(user('m', 'moderator'), 'c1')).resolves.toMatchObject({ chat: { id: 'c1' } });
    expect(await rejectionOf(chats.enter(user('someone'), 'c1'), SocialException)).toMatchObject({
      code: 'CHAT_NOT_FOUND',
    });
  });

  it('keeps a direct chat to its members: anyone else hears it does not exist', async () => {
    const chats = service({
      find: () => Promise.resolve(chat({ kind: 'direct', customerId: null })),
      memberIds: () => Promise.resolve(['anna', 'boris']),
    });
    await expect(chats.enter(user('anna'), 'c1')).resolves.toBeDefined();
    expect(await rejectionOf(chats.enter(user('admin', 'admin'), 'c1'), SocialException)).toMatchObject({
      code: 'CHAT_NOT_FOUND',
    });
  });

  it('refuses to take a support room another staff member holds, and lets only they or an admin release it', async () => {
    const held = chat({ assigneeId: 'first' });
    const chats = service({ lock: () => Promise.resolve({ ...held }) });
    expect(await rejectionOf(chats.assign(user('second', 'moderator'), 'c1'), SocialException)).toMatchObject(
      {
        code: 'SUPPORT_ALREADY_ASSIGNED',
      },
    );
    expect(
      await rejectionOf(chats.release(user('second', 'moderator'), 'c1'), SocialException),
    ).toMatchObject({
      code: 'NOT_SUPPORT_ASSIGNEE',
    });
    const direct = service({ lock: () => Promise.resolve(chat({ kind: 'direct', customerId: null })) });
    expect(await rejectionOf(direct.assign(user('m', 'moderator'), 'c1'), SocialException)).toMatchObject({
      code: 'CHAT_NOT_FOUND',
    });
  });
});

function rejectionOfSync(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}
