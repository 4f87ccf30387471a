import type { Schemas } from '@agora/client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, whenSessionLost } from './client';
import { asProblem, type Problem } from './problem';
import { disconnectSocket } from './socket';

export type Account = Schemas['UserDto'];
export type Role = Account['role'];

export interface Session {
  /** The signed-in account; null when signed out; undefined while the first check runs. */
  readonly account: Account | null | undefined;
  /** Signs in with the session cookies; the problem (e.g. INVALID_CREDENTIALS) when it fails. */
  readonly signIn: (login: string, password: string) => Promise<Problem | undefined>;
  readonly signOut: () => Promise<void>;
  /** Reads the account again (after verification, a role change). */
  readonly reload: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Staff see the moderation queue and answer support rooms. */
export function isStaff(account: Account | null | undefined): boolean {
  return account?.role === 'moderator' || account?.role === 'admin';
}

export function SessionProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);

  const reload = useCallback(async () => {
    const { data } = await api.GET('/me');
    setAccount(data ?? null);
  }, []);

  useEffect(() => {
    whenSessionLost(() => setAccount(null));
    void reload();
  }, [reload]);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const { error } = await api.POST('/authentication', {
        body: { login, password, transport: 'cookie' },
      });
      if (error !== undefined) {
        return asProblem(error);
      }
      disconnectSocket();
      await reload();
      return undefined;
    },
    [reload],
  );

  const signOut = useCallback(async () => {
    await api.POST('/logout', { body: {} });
    disconnectSocket();
    setAccount(null);
  }, []);

  const session = useMemo(() => ({ account, signIn, signOut, reload }), [account, signIn, signOut, reload]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside SessionProvider');
  }
  return session;
}
