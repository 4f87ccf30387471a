import type { Schemas } from '@agora/client';
import { useEffect, useRef } from 'react';
import { connectSocket } from '../../api/socket';

type ChatMessage = Schemas['ChatMessageDto'];

/** What `/ws` pushes, typed with the REST DTOs each event mirrors (README "Real time"). */
export interface LiveEvents {
  'chat.message': ChatMessage;
  'chat.message.updated': ChatMessage;
  'chat.message.deleted': ChatMessage;
  'chat.typing': { chatId: string; userId: string };
  'chat.read': { chatId: string; userId: string; lastReadId: string };
  'chat.assigned': Schemas['ChatDto'];
  notification: Schemas['NotificationDto'];
}

export type LiveHandlers = { readonly [E in keyof LiveEvents]?: (payload: LiveEvents[E]) => void };

/** An acknowledgement of a client event: `{ok: true, …}` or the problem's code and detail. */
export type Ack<T extends object = object> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly code: string; readonly status: number; readonly detail: string };

/**
 * Listens to the socket's pushes while `enabled` (signed in); the handlers may change on every render, the
 * listeners stay the same.
 */
export function useLiveEvents(enabled: boolean, handlers: LiveHandlers): void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const names = Object.keys(handlersRef.current) as (keyof LiveEvents)[];
    const listeners = names.map((name) => {
      const listener = (payload: unknown): void => {
        // The socket is untyped at runtime; each event carries the DTO documented for it.
        (handlersRef.current[name] as ((value: unknown) => void) | undefined)?.(payload);
      };
      return [name, listener] as const;
    });
    const socket = connectSocket();
    void socket.then((open) => listeners.forEach(([name, listener]) => open.on(name, listener)));
    return () => {
      void socket.then((open) => listeners.forEach(([name, listener]) => open.off(name, listener)));
    };
  }, [enabled]);
}

/** Sends a client event and waits for its acknowledgement (5 s at most). */
export async function emitWithAck<T extends object>(event: string, body: object): Promise<Ack<T>> {
  const socket = await connectSocket();
  return (await socket.timeout(5000).emitWithAck(event, body)) as Ack<T>;
}
