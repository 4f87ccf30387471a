import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblem, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePagedList } from '../../ui/use-paged-list';
import { formatWhen } from '../../ui/format';
import { useLiveEvents } from './live';
import { useDisplayNames } from '../../ui/use-display-names';
import './chats.css';

type Notification = Schemas['NotificationDto'];

const TARGET_PATHS: Record<string, string> = {
  coffee: '/coffees',
  watch: '/watches',
  mechanism: '/mechanisms',
  listing: '/listings',
};

/** Where a notification leads: its chat, order, post, liked item, or the person who acted. */
export function subjectPath(notification: Notification): string | undefined {
  if (notification.chatId) {
    return `/chats/${notification.chatId}`;
  }
  if (notification.orderId) {
    return `/orders/${notification.orderId}`;
  }
  if (notification.postId) {
    return `/posts/${notification.postId}`;
  }
  if (notification.targetKind && notification.targetId && TARGET_PATHS[notification.targetKind]) {
    return `${TARGET_PATHS[notification.targetKind]}/${notification.targetId}`;
  }
  if (notification.actorId) {
    return `/profiles/${notification.actorId}`;
  }
  return undefined;
}

function Notifications(): ReactNode {
  const { t } = useTranslation('chats');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const list = usePagedList<Notification>(`notifications:${unreadOnly}`, (cursor) =>
    api.GET('/notifications', {
      params: {
        query: {
          sort: '-createdAt',
          limit: 20,
          cursor,
          ...(unreadOnly ? { filter: { readAt: { null: true } } } : {}),
        },
      },
    }),
  );
  const names = useDisplayNames(
    list.items.map((notification) => notification.actorId).filter((id): id is string => Boolean(id)),
  );

  useLiveEvents(true, {
    notification: (pushed) =>
      // A chat's unread messages are one notification whose count grows: the newer copy replaces it at the top.
      list.setItems((items) => [pushed, ...items.filter((each) => each.id !== pushed.id)]),
  });

  const markRead = async (body: Schemas['MarkNotificationsReadDto']): Promise<void> => {
    const readAt = new Date().toISOString();
    const ids = body.ids ? new Set(body.ids) : undefined;
    const before = list.items;
    // Optimistic: shown read at once, put back if the server refuses.
    list.setItems((items) =>
      items.map((each) => ((ids ? ids.has(each.id) : true) && !each.readAt ? { ...each, readAt } : each)),
    );
    const { error } = await api.POST('/notifications/read', { body });
    if (error !== undefined) {
      list.setItems(() => before);
      setProblem(asProblem(error));
    } else {
      setProblem(undefined);
    }
  };

  const describe = (notification: Notification): string => {
    const actor = (notification.actorId && names.get(notification.actorId)) || t('notifications.someone');
    const target = t(`notifications.target.${notification.targetKind ?? 'item'}`);
    const status = t(`notifications.orderStatus.${notification.orderStatus ?? 'unknown'}`);
    return t(`notifications.kind.${notification.kind}`, {
      actor,
      target,
      status,
      title: notification.title ?? '',
    });
  };

  return (
    <>
      <PageHeading title={t('notifications.title')}>
        <div className="row">
          <label className="row">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(event) => setUnreadOnly(event.target.checked)}
            />
            {t('notifications.unreadOnly')}
          </label>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void markRead({ all: true })}
          >
            {t('notifications.markAll')}
          </button>
        </div>
      </PageHeading>
      <ProblemMessage problem={problem} />
      <ul className="notification-list">
        {list.items.map((notification) => {
          const path = subjectPath(notification);
          const text = describe(notification);
          const unread = !notification.readAt;
          return (
            <li
              key={notification.id}
              className={unread ? 'notification notification--unread card' : 'notification card'}
              data-testid="notification"
            >
              <p className="notification__state">
                {unread ? t('notifications.unread') : t('notifications.read')}
              </p>
              <p className="notification__text">
                {path ? (
                  // Following a notification reads it.
                  <Link to={path} onClick={() => unread && void markRead({ ids: [notification.id] })}>
                    {text}
                  </Link>
                ) : (
                  text
                )}
                {notification.count > 1 && (
                  <span className="muted"> {t('notifications.times', { count: notification.count })}</span>
                )}
              </p>
              <p className="muted notification__when">
                <time dateTime={notification.createdAt}>{formatWhen(notification.createdAt)}</time>
              </p>
              {unread && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void markRead({ ids: [notification.id] })}
                  aria-label={`${t('notifications.markRead')}: ${text}`}
                >
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

/** `/notifications`: newest first, unread ones marked, each leading to its subject; new ones arrive live. */
export function NotificationsPage(): ReactNode {
  const { account } = useSession();
  return <RequireSignIn>{account && <Notifications />}</RequireSignIn>;
}
