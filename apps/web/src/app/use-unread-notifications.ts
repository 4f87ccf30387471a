import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { connectSocket } from '../api/socket';

/** The unread notifications of the signed-in account: read once, then kept live by the socket's pushes. */
export function useUnreadNotifications(signedIn: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!signedIn) {
      setCount(0);
      return undefined;
    }
    let active = true;
    void api.GET('/notifications/unread').then(({ data }) => active && data && setCount(data.count));
    const onUnread = (payload: { count?: unknown }): void => {
      if (active && typeof payload.count === 'number') {
        setCount(payload.count);
      }
    };
    const socket = connectSocket();
    void socket.then((open) => open.on('notifications.unread', onUnread));
    return () => {
      active = false;
      void socket.then((open) => open.off('notifications.unread', onUnread));
    };
  }, [signedIn]);
  return count;
}
