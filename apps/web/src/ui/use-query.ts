import { useCallback, useEffect, useRef, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

/** What one typed client call answers: openapi-fetch's `{data}` or `{error}`. */
export interface ApiAnswer<T> {
  readonly data?: T;
  readonly error?: unknown;
}

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly problem: Problem | undefined;
  readonly loading: boolean;
  /** Loads again (after an edit elsewhere, or "try again"). */
  readonly reload: () => void;
  /** Replaces the data in place: optimistic updates and answers of writes. */
  readonly setData: (update: (current: T | undefined) => T | undefined) => void;
}

/**
 * Runs `load` when `key` changes and keeps the latest answer; a stale answer (the key changed meanwhile)
 * is dropped. `load` is a call of the generated client: `() => api.GET('/coffees/{id}', …)`.
 */
export function useQuery<T>(key: string, load: () => Promise<ApiAnswer<T>>): QueryState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef
      .current()
      .then(
        (answer) => {
          if (current) {
            setDataState(answer.data);
            setProblem(answer.error === undefined ? undefined : asProblem(answer.error));
          }
        },
        (error: unknown) => current && setProblem(asProblem(error)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setDataState(update),
    [],
  );
  return { data, problem, loading, reload, setData };
}
