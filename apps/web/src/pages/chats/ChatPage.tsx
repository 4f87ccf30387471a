import type { Schemas } from '@agora/client';
import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ifMatch } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { isStaff, useSession, type Account } from '../../api/session';
import { Skeleton } from '../../ui/BlurhashImage';
import { TextAreaField } from '../../ui/Field';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { usePagedList } from '../../ui/use-paged-list';
import { AssignmentButton, otherMemberIds, useChatTitle } from './chat-parts';
import { formatWhen } from '../../ui/format';
import { emitWithAck, useLiveEvents } from './live';
import { useDisplayNames } from '../../ui/use-display-names';
import './chats.css';

type Chat = Schemas['ChatDto'];
type Message = Schemas['ChatMessageDto'];

const PAGE_SIZE = 30;
/** How often a typing signal goes out while the user types (the server passes at most one a second). */
const TYPING_EVERY_MS = 2000;
/** How long "… is typing" stays after the last signal. */
const TYPING_SHOWN_MS = 4000;
/** The catalog pages of an item room's subject. */
const ITEM_PATHS: Record<string, string> = {
  coffee: '/coffees',
  watch: '/watches',
  mechanism: '/mechanisms',
  listing: '/listings',
};

/** Message ids are time-ordered (UUIDv7), as the server compares read positions. */
function atOrBefore(messageId: string, lastReadId: string | null | undefined): boolean {
  return Boolean(lastReadId) && messageId.toLowerCase() <= (lastReadId ?? '').toLowerCase();
}

/** Puts a pushed or sent message in the newest-first list: replaced when known, else placed by its id. */
function upsert(messages: Message[], message: Message): Message[] {
  if (messages.some((each) => each.id === message.id)) {
    return messages.map((each) =>
      each.id === message.id && each.version <= message.version ? message : each,
    );
  }
  const index = messages.findIndex((each) => each.id < message.id);
  return index < 0
    ? [...messages, message]
    : [...messages.slice(0, index), message, ...messages.slice(index)];
}

interface MessageItemProps {
  readonly chatId: string;
  readonly message: Message;
  readonly mine: boolean;
  readonly author: string;
  readonly receipt: string | undefined;
  readonly onChanged: (message: Message) => void;
}

/** One message: author, time, text; the author edits it in place or deletes it after a confirmation. */
function MessageItem({ chatId, message, mine, author, receipt, onChanged }: MessageItemProps): ReactNode {
  const { t } = useTranslation('chats');
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [draft, setDraft] = useState(message.text);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // Focus follows the mode: into the edit box or the confirmation, and back to the button that opened them.
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const item = useRef<HTMLLIElement>(null);
  const returnTo = useRef<RefObject<HTMLElement | null> | null>(null);
  useEffect(() => {
    if (mode === 'view') {
      returnTo.current?.current?.focus();
      returnTo.current = null;
    }
  }, [mode]);
  const leave = (to: RefObject<HTMLElement | null>): void => {
    returnTo.current = to;
    setMode('view');
  };
  const cancelOnEscape = (from: RefObject<HTMLElement | null>) => (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      leave(from);
    }
  };
  const path = { id: chatId, messageId: message.id };
  const header = { 'If-Match': ifMatch(message.version) };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.PATCH('/chats/{id}/messages/{messageId}', {
      params: { path, header },
      body: { text: draft },
    });
    setBusy(false);
    if (data) {
      onChanged(data);
      leave(editButton);
      setProblem(undefined);
    } else {
      setProblem(asProblem(error));
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    const { error, response } = await api.DELETE('/chats/{id}/messages/{messageId}', {
      params: { path, header },
    });
    setBusy(false);
    if (response.ok) {
      onChanged({ ...message, text: '', deleted: true, version: message.version + 1 });
      leave(item);
      setProblem(undefined);
    } else {
      setProblem(asProblem(error));
    }
  };

  const errors = fieldErrors(problem);
  return (
    <li ref={item} tabIndex={-1} className={mine ? 'message message--mine' : 'message'} data-testid="message">
      <p className="message__meta">
        <span className="message__author">{mine ? t('chat.you') : author}</span>{' '}
        <time dateTime={message.createdAt} className="muted">
          {formatWhen(message.createdAt)}
        </time>
        {message.edited && !message.deleted && <span className="muted"> · {t('chat.edited')}</span>}
      </p>
      {mode === 'edit' ? (
        <form onSubmit={(event) => void save(event)} onKeyDown={cancelOnEscape(editButton)}>
          <TextAreaField
            autoFocus
            label={t('chat.editLabel')}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            error={errors.text}
            maxLength={4000}
            rows={2}
            required
          />
          <div className="row">
            <button type="submit" className="button" disabled={busy}>
              {t('chat.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => leave(editButton)}>
              {t('chat.cancel')}
            </button>
          </div>
        </form>
      ) : message.deleted ? (
        <p className="message__text message__text--deleted">{t('chat.deleted')}</p>
      ) : (
        <p className="message__text">{message.text}</p>
      )}
      {problem && !errors.text && <ProblemMessage problem={problem} />}
      {mode === 'delete' && (
        <div
          className="row"
          role="group"
          aria-label={t('chat.confirmDelete')}
          onKeyDown={cancelOnEscape(deleteButton)}
        >
          <span>{t('chat.confirmDelete')}</span>
          <button type="button" className="button" onClick={() => void remove()} disabled={busy}>
            {t('chat.delete')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            autoFocus
            onClick={() => leave(deleteButton)}
          >
            {t('chat.cancel')}
          </button>
        </div>
      )}
      {mine && !message.deleted && mode === 'view' && (
        <div className="row message__actions">
          <button
            type="button"
            className="link-button"
            ref={editButton}
            onClick={() => {
              setDraft(message.text);
              setMode('edit');
            }}
          >
            {t('chat.edit')}
          </button>
          <button type="button" className="link-button" ref={deleteButton} onClick={() => setMode('delete')}>
            {t('chat.delete')}
          </button>
        </div>
      )}
      {receipt && <p className="message__receipt muted">{receipt}</p>}
    </li>
  );
}

function Conversation({
  account,
  chatId,
}: {
  readonly account: Account;
  readonly chatId: string;
}): ReactNode {
  const { t } = useTranslation('chats');
  const chat = useQuery<Chat>(`chat:${chatId}`, () =>
    api.GET('/chats/{id}', { params: { path: { id: chatId } } }),
  );
  const history = usePagedList<Message>(`messages:${chatId}`, (cursor) =>
    api.GET('/chats/{id}/messages', {
      params: { path: { id: chatId }, query: { sort: '-createdAt', limit: PAGE_SIZE, cursor } },
    }),
  );
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());
  const typedAt = useRef(0);
  const readUpTo = useRef<string | null>(null);
  const titleOf = useChatTitle();

  const others = chat.data ? otherMemberIds(chat.data, account.id) : [];
  const authorIds = history.items.map((message) => message.authorId);
  const names = useDisplayNames([...others, ...authorIds]);
  const nameOf = (id: string): string =>
    names.get(id) ??
    (chat.data?.kind === 'support' && id !== chat.data.customerId ? t('chat.staff') : t('list.someone'));

  // Joined, the page hears the chat's typing and receipts (and an item room's messages).
  useEffect(() => {
    void emitWithAck('chat.join', { chatId }).catch(() => undefined);
    return () => {
      void emitWithAck('chat.leave', { chatId }).catch(() => undefined);
    };
  }, [chatId]);

  useLiveEvents(true, {
    'chat.message': (message) => {
      if (message.chatId === chatId) {
        history.setItems((items) => upsert(items, message));
        setTyping((current) => {
          const next = new Map(current);
          next.delete(message.authorId);
          return next;
        });
      }
    },
    'chat.message.updated': (message) => {
      if (message.chatId === chatId) {
        history.setItems((items) => upsert(items, message));
      }
    },
    'chat.message.deleted': (message) => {
      if (message.chatId === chatId) {
        history.setItems((items) => upsert(items, message));
      }
    },
    'chat.typing': (signal) => {
      if (signal.chatId === chatId && signal.userId !== account.id) {
        setTyping((current) => new Map(current).set(signal.userId, Date.now()));
      }
    },
    'chat.read': (read) => {
      if (read.chatId === chatId) {
        chat.setData(
          (current) =>
            current && {
              ...current,
              members: (current.members ?? [])
                .filter((member) => member.userId !== read.userId)
                .concat({ userId: read.userId, lastReadId: read.lastReadId }),
            },
        );
      }
    },
    'chat.assigned': (changed) => {
      if (changed.id === chatId) {
        chat.setData((current) => current && { ...current, assigneeId: changed.assigneeId });
      }
    },
  });

  // "… is typing" fades when the signals stop.
  useEffect(() => {
    if (typing.size === 0) {
      return undefined;
    }
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((current) => new Map([...current].filter(([, at]) => now - at < TYPING_SHOWN_MS)));
    }, TYPING_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [typing]);

  // The newest message someone else wrote, once shown, moves the caller's read position (a receipt for them).
  const newest = history.items[0];
  const myLastRead =
    chat.data?.members?.find((member) => member.userId === account.id)?.lastReadId ?? chat.data?.lastReadId;
  useEffect(() => {
    if (!newest || newest.authorId === account.id || atOrBefore(newest.id, myLastRead)) {
      return;
    }
    if (readUpTo.current === newest.id || document.visibilityState === 'hidden') {
      return;
    }
    readUpTo.current = newest.id;
    void api.POST('/chats/{id}/read', { params: { path: { id: chatId } }, body: { messageId: newest.id } });
  }, [newest, myLastRead, account.id, chatId]);

  const onTextChange = (value: string): void => {
    setText(value);
    const now = Date.now();
    if (value && now - typedAt.current > TYPING_EVERY_MS) {
      typedAt.current = now;
      void emitWithAck('chat.typing', { chatId }).catch(() => undefined);
    }
  };

  const send = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!text.trim()) {
      return;
    }
    setSending(true);
    const { data, error } = await api.POST('/chats/{id}/messages', {
      params: { path: { id: chatId } },
      body: { text },
    });
    setSending(false);
    if (data) {
      history.setItems((items) => upsert(items, data));
      setText('');
      setProblem(undefined);
      typedAt.current = 0;
    } else {
      setProblem(asProblem(error));
    }
  };

  if (chat.loading && !chat.data) {
    return <Skeleton />;
  }
  if (!chat.data) {
    return (
      <>
        <PageHeading title={t('title')} />
        <ProblemMessage problem={chat.problem} />
        <Link to="/chats">{t('chat.back')}</Link>
      </>
    );
  }

  const current = chat.data;
  const title = titleOf(current, account.id, names);
  // The receipt shows under my newest message: seen once another member has read up to it.
  const myNewest = history.items.find((message) => message.authorId === account.id && !message.deleted);
  const seen =
    myNewest !== undefined &&
    (current.members ?? []).some(
      (member) => member.userId !== account.id && atOrBefore(myNewest.id, member.lastReadId),
    );
  const typingNames = [...typing.keys()].map(nameOf);
  const itemPath = current.item ? ITEM_PATHS[current.item.kind] : undefined;
  const errors = fieldErrors(problem);
  const ordered = [...history.items].reverse();

  return (
    <>
      <PageHeading title={title}>
        <Link to="/chats">{t('chat.back')}</Link>
      </PageHeading>
      {current.kind === 'support' && (
        <div className="row card chat-support">
          <span>
            {current.assigneeId
              ? t('chat.assignedTo', { name: nameOf(current.assigneeId) })
              : t('chat.unassigned')}
          </span>
          {isStaff(account) && (
            <AssignmentButton
              chat={current}
              account={account}
              onChanged={(changed) => chat.setData(() => changed)}
            />
          )}
        </div>
      )}
      {current.item && itemPath && (
        <p>
          <Link to={`${itemPath}/${current.item.id}`}>{t('chat.item')}</Link>
        </p>
      )}
      <section className="conversation" aria-labelledby="chat-history">
        <h2 id="chat-history" className="visually-hidden">
          {t('chat.history')}
        </h2>
        {history.hasMore && (
          <div className="list-footer">
            <button
              type="button"
              className="button button--secondary"
              onClick={history.loadMore}
              disabled={history.loading}
            >
              {t('chat.older')}
            </button>
          </div>
        )}
        <ProblemMessage problem={history.problem} />
        {history.loading && history.items.length === 0 && <Skeleton />}
        {!history.loading && history.items.length === 0 && !history.problem && (
          <p className="muted">{t('chat.empty')}</p>
        )}
        <ol className="messages" aria-live="polite" aria-relevant="additions text">
          {ordered.map((message) => (
            <MessageItem
              key={message.id}
              chatId={chatId}
              message={message}
              mine={message.authorId === account.id}
              author={nameOf(message.authorId)}
              receipt={message.id === myNewest?.id ? (seen ? t('chat.seen') : t('chat.sent')) : undefined}
              onChanged={(changed) => history.setItems((items) => upsert(items, changed))}
            />
          ))}
        </ol>
        <p className="chat-typing muted" aria-live="polite" data-testid="typing">
          {typingNames.length > 0 ? t('chat.typing', { name: typingNames.join(', ') }) : ''}
        </p>
      </section>
      <form className="composer" onSubmit={(event) => void send(event)}>
        <TextAreaField
          label={t('chat.compose')}
          value={text}
          onChange={(event) => onTextChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
          error={errors.text}
          maxLength={4000}
          rows={2}
        />
        {problem && !errors.text && <ProblemMessage problem={problem} />}
        <button type="submit" className="button" disabled={sending || !text.trim()}>
          {t('chat.send')}
        </button>
      </form>
    </>
  );
}

/** `/chats/:id`: the conversation, live over the socket, with history by keyset, receipts and typing. */
export function ChatPage(): ReactNode {
  const { account } = useSession();
  const { id = '' } = useParams();
  return <RequireSignIn>{account && <Conversation key={id} account={account} chatId={id} />}</RequireSignIn>;
}
