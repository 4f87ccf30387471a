import { useCallback, useEffect, useRef, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';
import type { ApiAnswer } from './use-query';

/** One page of a list route (the shared list engine's shape: every `*PageDto`). */
export interface ListPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
  readonly total: number;
  readonly totalExact: boolean;
}

export interface PagedList<T> {
  readonly items: T[];
  readonly total: number | undefined;
  readonly totalExact: boolean;
  readonly problem: Problem | undefined;
  readonly loading: boolean;
  readonly hasMore: boolean;
  /** Appends the next page by the last page's cursor (keyset: stable under inserts). */
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Edits the loaded items in place (optimistic updates, pushed items). */
  readonly setItems: (update: (items: T[]) => T[]) => void;
}

/**
 * A keyset-paged list: `load(cursor)` calls a list route with `cursor` (undefined for the first page).
 * A new `key` (other filters) starts over; an answer for an old key is dropped.
 */
export function usePagedList<T>(
  key: string,
  load: (cursor: string | undefined) => Promise<ApiAnswer<ListPage<T>>>,
): PagedList<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [totalExact, setTotalExact] = useState(true);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(`${key}#${generation}`);

  const fetchPage = useCallback((pageCursor: string | undefined, listKey: string) => {
    setLoading(true);
    loadRef
      .current(pageCursor)
      .then(
        (answer) => {
          if (keyRef.current !== listKey) {
            return;
          }
          if (answer.data) {
            const page = answer.data;
            setItemsState((previous) =>
              pageCursor === undefined ? page.items : [...previous, ...page.items],
            );
            setTotal(page.total);
            setTotalExact(page.totalExact);
            setCursor(page.nextCursor);
            setProblem(undefined);
          } else {
            setProblem(asProblem(answer.error));
          }
        },
        (error: unknown) => keyRef.current === listKey && setProblem(asProblem(error)),
      )
      .finally(() => keyRef.current === listKey && setLoading(false));
  }, []);

  useEffect(() => {
    const listKey = `${key}#${generation}`;
    keyRef.current = listKey;
    setItemsState([]);
    setCursor(null);
    setTotal(undefined);
    fetchPage(undefined, listKey);
  }, [key, generation, fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor !== null && !loading) {
      fetchPage(cursor, keyRef.current);
    }
  }, [cursor, loading, fetchPage]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setItems = useCallback((update: (current: T[]) => T[]) => setItemsState(update), []);
  return { items, total, totalExact, problem, loading, hasMore: cursor !== null, loadMore, reload, setItems };
}
