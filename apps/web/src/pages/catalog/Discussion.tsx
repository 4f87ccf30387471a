import type { Schemas } from '@agora/client';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { connectSocket } from '../../api/socket';
import { Skeleton } from '../../ui/BlurhashImage';
import { TextAreaField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import type { Kind } from './kinds';
import { useDisplayNames } from '../../ui/use-display-names';

type Message = Schemas['ChatMessageDto'];
/** `chat.typing` as the server pushes it: the chat and who types (the ids of ChatMessageDto). */
type Typing = Pick<Message, 'chatId'> & { readonly userId: Message['authorId'] };

const HISTORY_PAGE = 20;
/** A typing signal counts this long; the server passes one a second at most, clients repeat every few. */
const TYPING_SHOWN_MS = 5_000;
const TYPING_EVERY_MS = 3_000;

/** Oldest first, ties by id (ids are time-ordered UUIDv7s): the order the conversation is read in. */
function byTime(a: Message, b: Message): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Adds messages to the shown ones: one entry per id (the later copy wins), in time order. */
function merge(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) {
    byId.set(message.id, message);
  }
  return [...byId.values()].sort(byTime);
}

function MessageEntry({
  message,
  author,
}: {
  readonly message: Message;
  readonly author: string;
}): ReactNode {
  const { t, i18n } = useTranslation('catalog');
  return (
    <li className="catalog-message">
      <p className="catalog-message__head">
        <strong>{author}</strong>{' '}
        <time className="muted" dateTime={message.createdAt}>
          {new Date(message.createdAt).toLocaleTimeString(i18n.language, {
            hour: '2-digit',
            minute: '2-digit',
          })}
        </time>
        {message.edited && !message.deleted && <span className="muted"> · {t('discussion.edited')}</span>}
      </p>
      <p className={message.deleted ? 'catalog-message__text muted' : 'catalog-message__text'}>
        {message.deleted ? t('discussion.deleted') : message.text}
      </p>
    </li>
  );
}

/**
 * The room of one chat: its history by keyset (newest page first, "older messages" above), the socket's
 * pushes live once joined (`chat.join`), typing signals, and the form that sends over REST.
 */
function Room({ chatId, accountId }: { readonly chatId: string; readonly accountId: string }): ReactNode {
  const { t } = useTranslation('catalog');
  const [messages, setMessages] = useState<Message[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [live, setLive] = useState(false);
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [sendProblem, setSendProblem] = useState<Problem | undefined>(undefined);
  const typedAt = useRef(0);
  const bottom = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const names = useDisplayNames([...messages.map((message) => message.authorId), ...typing.keys()]);
  const nameOf = (userId: string): string =>
    userId === accountId ? t('discussion.you') : (names.get(userId) ?? t('discussion.someone'));

  const loadPage = useCallback(
    async (cursor: string | undefined): Promise<void> => {
      setLoading(true);
      const { data, error } = await api.GET('/chats/{id}/messages', {
        params: { path: { id: chatId }, query: { limit: HISTORY_PAGE, cursor } },
      });
      setLoading(false);
      if (!data) {
        setProblem(asProblem(error));
        return;
      }
      setProblem(undefined);
      setMessages((current) => merge(current, data.items));
      // The newest page (no cursor) sets where "older" starts only the first time; later refreshes keep it.
      setOlderCursor((previous) => (cursor === undefined && previous !== null ? previous : data.nextCursor));
    },
    [chatId],
  );

  // The newest messages, then live pushes; after a reconnect the newest page again (nothing missed).
  useEffect(() => {
    let active = true;
    void loadPage(undefined);
    const onMessage = (message: Message): void => {
      if (message.chatId === chatId) {
        setMessages((current) => merge(current, [message]));
        setTyping((current) => {
          const next = new Map(current);
          next.delete(message.authorId);
          return next;
        });
      }
    };
    const onTyping = (signal: Typing): void => {
      if (signal.chatId === chatId && signal.userId !== accountId) {
        setTyping((current) => new Map(current).set(signal.userId, Date.now()));
      }
    };
    const join = (socket: Awaited<ReturnType<typeof connectSocket>>, reconnect: boolean): void => {
      void socket
        .emitWithAck('chat.join', { chatId })
        .then((ack: { readonly ok: boolean }) => {
          if (active) {
            setLive(ack.ok);
            if (reconnect) {
              void loadPage(undefined);
            }
          }
        })
        .catch(() => active && setLive(false));
    };
    const onConnect = (): void => {
      void connectSocket().then((socket) => join(socket, true));
    };
    const onDisconnect = (): void => setLive(false);
    const opened = connectSocket().then((socket) => {
      if (!active) {
        return socket;
      }
      socket.on('chat.message', onMessage);
      socket.on('chat.message.updated', onMessage);
      socket.on('chat.message.deleted', onMessage);
      socket.on('chat.typing', onTyping);
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      if (socket.connected) {
        join(socket, false);
      }
      return socket;
    });
    return () => {
      active = false;
      void opened.then((socket) => {
        socket.off('chat.message', onMessage);
        socket.off('chat.message.updated', onMessage);
        socket.off('chat.message.deleted', onMessage);
        socket.off('chat.typing', onTyping);
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        if (socket.connected) {
          socket.emit('chat.leave', { chatId });
        }
      });
    };
  }, [chatId, accountId, loadPage]);

  // Typing signals fade out.
  useEffect(() => {
    if (typing.size === 0) {
      return;
    }
    const timer = setInterval(() => {
      setTyping((current) => {
        const now = Date.now();
        const next = new Map([...current].filter(([, at]) => now - at < TYPING_SHOWN_MS));
        return next.size === current.size ? current : next;
      });
    }, 1_000);
    return () => clearInterval(timer);
  }, [typing.size]);

  // New messages scroll the log to the bottom unless the reader scrolled up to read older ones.
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (stickToBottom.current && bottom.current?.parentElement) {
      const log = bottom.current.parentElement;
      log.scrollTop = log.scrollHeight;
    }
  }, [newest]);

  const loadOlder = (): void => {
    if (olderCursor) {
      stickToBottom.current = false;
      void loadPage(olderCursor);
    }
  };

  const onInput = (value: string): void => {
    setText(value);
    const now = Date.now();
    if (value && now - typedAt.current > TYPING_EVERY_MS) {
      typedAt.current = now;
      void connectSocket().then((socket) => socket.connected && socket.emit('chat.typing', { chatId }));
    }
  };

  const send = (event: FormEvent): void => {
    event.preventDefault();
    if (!text.trim()) {
      return;
    }
    setSending(true);
    setSendProblem(undefined);
    void api
      .POST('/chats/{id}/messages', { params: { path: { id: chatId } }, body: { text } })
      .then(({ data, error }) => {
        if (data) {
          stickToBottom.current = true;
          setMessages((current) => merge(current, [data]));
          setText('');
          typedAt.current = 0;
        } else {
          setSendProblem(asProblem(error));
        }
      })
      .finally(() => setSending(false));
  };

  const typers = [...typing.keys()];
  const errors = fieldErrors(sendProblem);
  return (
    <>
      <p className="catalog-live muted" aria-hidden="true">
        <span className={live ? 'catalog-live__dot catalog-live__dot--on' : 'catalog-live__dot'} />
        {live ? t('discussion.live') : t('discussion.connecting')}
      </p>
      {olderCursor !== null && (
        <button type="button" className="button button--secondary" onClick={loadOlder} disabled={loading}>
          {t('discussion.older')}
        </button>
      )}
      <div
        className="catalog-log"
        role="log"
        aria-label={t('discussion.heading')}
        tabIndex={0}
        onScroll={(event) => {
          const log = event.currentTarget;
          stickToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
        }}
      >
        {loading && messages.length === 0 && <Skeleton lines={2} />}
        {!loading && !problem && messages.length === 0 && <p className="muted">{t('discussion.empty')}</p>}
        <ul className="catalog-messages">
          {messages.map((message) => (
            <MessageEntry key={message.id} message={message} author={nameOf(message.authorId)} />
          ))}
        </ul>
        <div ref={bottom} />
      </div>
      <ProblemMessage problem={problem} />
      <p className="catalog-typing muted" aria-live="polite">
        {typers.length > 0 ? t('discussion.typing', { name: typers.map(nameOf).join(', ') }) : ''}
      </p>
      <form className="catalog-send" onSubmit={send}>
        <TextAreaField
          label={t('discussion.message')}
          name="message"
          rows={2}
          maxLength={4000}
          value={text}
          error={errors.text}
          onChange={(event) => onInput(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              send(event);
            }
          }}
        />
        <ProblemMessage problem={sendProblem && !errors.text ? sendProblem : undefined} />
        <button type="submit" className="button" disabled={sending || !text.trim()}>
          {sending ? t('discussion.sending') : t('discussion.send')}
        </button>
      </form>
    </>
  );
}

/** The item's live discussion (seed 000's card chat): signed-in users read and write in its room. */
export function Discussion({ kind, itemId }: { readonly kind: Kind; readonly itemId: string }): ReactNode {
  const { t } = useTranslation('catalog');
  const { account } = useSession();
  return (
    <section className="catalog-discussion card" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">{t('discussion.heading')}</h2>
      {account === undefined && <Skeleton lines={2} />}
      {account === null && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('discussion.signIn')}</Link>
        </p>
      )}
      {account && <DiscussionRoom kind={kind} itemId={itemId} accountId={account.id} />}
    </section>
  );
}

function DiscussionRoom({
  kind,
  itemId,
  accountId,
}: {
  readonly kind: Kind;
  readonly itemId: string;
  readonly accountId: string;
}): ReactNode {
  const room = useQuery(`discussion:${kind}:${itemId}:${accountId}`, () =>
    api.GET('/items/{kind}/{id}/discussion', { params: { path: { kind, id: itemId } } }),
  );
  if (room.problem) {
    return <ProblemMessage problem={room.problem} />;
  }
  if (!room.data) {
    return <Skeleton lines={2} />;
  }
  return <Room key={room.data.id} chatId={room.data.id} accountId={accountId} />;
}
