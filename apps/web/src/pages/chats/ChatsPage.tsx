import type { Schemas } from '@agora/client';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { isStaff, useSession, type Account } from '../../api/session';
import { TextField } from '../../ui/Field';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePagedList } from '../../ui/use-paged-list';
import { otherMemberIds, useChatTitle } from './chat-parts';
import { formatWhen } from '../../ui/format';
import { useLiveEvents } from './live';
import { useDisplayNames } from '../../ui/use-display-names';
import './chats.css';

type Chat = Schemas['ChatDto'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens the direct chat with the user named by login or id, then goes there. */
function StartChatForm({ onOpened }: { readonly onOpened: (chat: Chat) => void }): ReactNode {
  const { t } = useTranslation('chats');
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [notFound, setNotFound] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const wanted = who.trim();
    if (!wanted) {
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setNotFound(false);
    try {
      let userId = UUID.test(wanted) ? wanted : undefined;
      if (!userId) {
        const { data, error } = await api.GET('/profiles', {
          params: { query: { filter: { login: { eq: wanted } }, limit: 1 } },
        });
        if (error !== undefined) {
          setProblem(asProblem(error));
          return;
        }
        userId = data.items[0]?.userId;
      }
      if (!userId) {
        setNotFound(true);
        return;
      }
      const { data, error } = await api.POST('/chats', { body: { userId } });
      if (error !== undefined) {
        setProblem(asProblem(error));
        return;
      }
      onOpened(data);
    } finally {
      setBusy(false);
    }
  };

  const errors = fieldErrors(problem);
  return (
    <form className="card chats-start" onSubmit={(event) => void submit(event)} aria-labelledby="start-chat">
      <h2 id="start-chat">{t('start.heading')}</h2>
      <TextField
        label={t('start.who')}
        hint={t('start.hint')}
        value={who}
        onChange={(event) => setWho(event.target.value)}
        error={notFound ? t('start.notFound') : errors.userId}
        autoComplete="off"
        required
      />
      {problem && !errors.userId && <ProblemMessage problem={problem} />}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('start.opening') : t('start.submit')}
      </button>
    </form>
  );
}

function ChatList({ account }: { readonly account: Account }): ReactNode {
  const { t } = useTranslation('chats');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const withUser = params.get('with');
  const [opening, setOpening] = useState<Problem | undefined>(undefined);
  const [supportBusy, setSupportBusy] = useState(false);
  const openedFor = useRef<string | null>(null);
  const list = usePagedList<Chat>('chats', (cursor) =>
    api.GET('/chats', { params: { query: { sort: '-lastMessageAt', limit: 20, cursor } } }),
  );
  // The list names direct and support chats' members: a direct chat is titled by the other person.
  const names = useDisplayNames(list.items.flatMap((chat) => otherMemberIds(chat, account.id)));
  const titleOf = useChatTitle();

  // `/chats?with=<userId>`: the profile page's "Write a message" opens the direct chat at once.
  useEffect(() => {
    if (!withUser || openedFor.current === withUser) {
      return;
    }
    openedFor.current = withUser;
    void api.POST('/chats', { body: { userId: withUser } }).then(({ data, error }) => {
      if (data) {
        void navigate(`/chats/${data.id}`, { replace: true });
      } else {
        setOpening(asProblem(error));
      }
    });
  }, [withUser, navigate]);

  useLiveEvents(true, {
    'chat.message': (message) => {
      const known = list.items.some((chat) => chat.id === message.chatId);
      if (!known) {
        list.reload();
        return;
      }
      list.setItems((chats) => {
        const chat = chats.find((each) => each.id === message.chatId);
        if (!chat) {
          return chats;
        }
        const mine = message.authorId === account.id;
        const moved: Chat = {
          ...chat,
          lastMessageAt: message.createdAt,
          unreadCount: mine ? 0 : (chat.unreadCount ?? 0) + 1,
          lastReadId: mine ? message.id : (chat.lastReadId ?? null),
        };
        return [moved, ...chats.filter((each) => each.id !== chat.id)];
      });
    },
    'chat.read': (read) => {
      if (read.userId === account.id) {
        list.setItems((chats) =>
          chats.map((chat) => (chat.id === read.chatId ? { ...chat, unreadCount: 0 } : chat)),
        );
      }
    },
  });

  const openSupport = async (): Promise<void> => {
    setSupportBusy(true);
    const { data, error } = await api.POST('/support');
    setSupportBusy(false);
    if (data) {
      void navigate(`/chats/${data.id}`);
    } else {
      setOpening(asProblem(error));
    }
  };

  return (
    <>
      <PageHeading title={t('title')}>
        <div className="row">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void openSupport()}
            disabled={supportBusy}
          >
            {t('support.open')}
          </button>
          {isStaff(account) && (
            <Link className="button button--secondary" to="/support">
              {t('support.queue')}
            </Link>
          )}
        </div>
      </PageHeading>
      <ProblemMessage problem={opening} />
      <div className="chats-layout">
        <section aria-labelledby="my-chats">
          <h2 id="my-chats">{t('list.label')}</h2>
          <ul className="chat-list">
            {list.items.map((chat) => {
              const title = titleOf(chat, account.id, names);
              const unread = chat.unreadCount ?? 0;
              return (
                <li
                  key={chat.id}
                  className={unread > 0 ? 'chat-list__item chat-list__item--unread' : 'chat-list__item'}
                >
                  <Link to={`/chats/${chat.id}`} className="chat-list__link">
                    <span className="chat-list__title">{title}</span>
                    <span className="muted chat-list__meta">
                      {chat.lastMessageAt
                        ? t('list.lastActivity', { when: formatWhen(chat.lastMessageAt) })
                        : t('list.noMessages')}
                    </span>
                  </Link>
                  {unread > 0 && (
                    <span className="badge" data-testid="chat-unread">
                      {t('list.unread', { count: unread })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <ListFooter list={list} />
        </section>
        <StartChatForm onOpened={(chat) => void navigate(`/chats/${chat.id}`)} />
      </div>
    </>
  );
}

/** `/chats`: my direct and support chats by latest activity with their unread counts; start one. */
export function ChatsPage(): ReactNode {
  const { account } = useSession();
  return <RequireSignIn>{account && <ChatList account={account} />}</RequireSignIn>;
}
