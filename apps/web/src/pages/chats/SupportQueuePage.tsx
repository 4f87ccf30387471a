import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { isStaff, useSession, type Account } from '../../api/session';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { AssignmentButton } from './chat-parts';
import { formatWhen } from '../../ui/format';
import { useLiveEvents } from './live';
import { useDisplayNames } from '../../ui/use-display-names';
import './chats.css';

type Chat = Schemas['ChatDto'];

function Queue({ account }: { readonly account: Account }): ReactNode {
  const { t } = useTranslation('chats');
  const [onlyFree, setOnlyFree] = useState(false);
  const list = usePagedList<Chat>(`support:${onlyFree}`, (cursor) =>
    api.GET('/support/queue', {
      params: {
        query: {
          sort: 'lastMessageAt',
          limit: 20,
          cursor,
          ...(onlyFree ? { filter: { assigneeId: { null: true } } } : {}),
        },
      },
    }),
  );
  const names = useDisplayNames(
    list.items.flatMap((chat) =>
      [chat.customerId, chat.assigneeId].filter((id): id is string => Boolean(id)),
    ),
  );
  const nameOf = (id: string | null): string => (id && names.get(id)) || t('list.someone');
  const replace = (changed: Chat): void =>
    list.setItems((chats) => chats.map((chat) => (chat.id === changed.id ? { ...chat, ...changed } : chat)));

  useLiveEvents(true, {
    'chat.assigned': replace,
    'chat.message': (message) => {
      if (!list.items.some((chat) => chat.id === message.chatId)) {
        list.reload();
      }
    },
  });

  return (
    <>
      <PageHeading title={t('queue.title')}>
        <label className="row">
          <input type="checkbox" checked={onlyFree} onChange={(event) => setOnlyFree(event.target.checked)} />
          {t('queue.onlyUnassigned')}
        </label>
      </PageHeading>
      <ul className="chat-list">
        {list.items.map((chat) => (
          <li
            key={chat.id}
            className="chat-list__item card"
            aria-label={t('queue.roomLabel', { name: nameOf(chat.customerId) })}
          >
            <div className="stack chat-list__body">
              <Link to={`/chats/${chat.id}`} className="chat-list__title">
                {t('queue.customer', { name: nameOf(chat.customerId) })}
              </Link>
              <span className="muted">
                {chat.lastMessageAt
                  ? t('queue.waiting', { when: formatWhen(chat.lastMessageAt) })
                  : t('list.noMessages')}
              </span>
              <span>
                {chat.assigneeId ? t('queue.assigned', { name: nameOf(chat.assigneeId) }) : t('queue.free')}
              </span>
            </div>
            <div className="row">
              <AssignmentButton chat={chat} account={account} onChanged={replace} />
            </div>
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

/** `/support`: staff's support rooms by waiting time; take one, answer it, release it. */
export function SupportQueuePage(): ReactNode {
  const { t } = useTranslation('chats');
  const { account } = useSession();
  return (
    <RequireSignIn>
      {account && isStaff(account) ? (
        <Queue account={account} />
      ) : (
        <>
          <PageHeading title={t('queue.title')} />
          <p className="problem" role="alert">
            {t('queue.staffOnly')}
          </p>
        </>
      )}
    </RequireSignIn>
  );
}
