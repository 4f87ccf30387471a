import { useEffect, useState } from 'react';
import { api } from '../api/client';

/** Names already read, shared by every card of the session (a profile's name rarely changes). */
const known = new Map<string, string>();

/** At most this many ids per `filter[id][in]` (the list query takes up to 100 values). */
const BATCH = 100;

/**
 * The display names (or logins) of the users with these ids, read from their public profiles in batches
 * (check-ins, messages, notifications and drafts carry only user ids). A user without a listed profile (a
 * support customer, say) stays without a name, and the caller names them generically.
 */
export function useDisplayNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(() => new Map(known));
  const missing = [...new Set(ids)].filter((id) => !known.has(id)).sort();
  const missingKey = missing.join(',');

  useEffect(() => {
    if (missingKey === '') {
      return;
    }
    let current = true;
    const wanted = missingKey.split(',');
    const batches: string[][] = [];
    for (let start = 0; start < wanted.length; start += BATCH) {
      batches.push(wanted.slice(start, start + BATCH));
    }
    void Promise.all(
      batches.map((batch) =>
        api.GET('/profiles', {
          params: { query: { filter: { id: { in: batch.join(',') } }, limit: BATCH } },
        }),
      ),
    ).then((answers) => {
      for (const answer of answers) {
        for (const profile of answer.data?.items ?? []) {
          known.set(profile.userId, profile.displayName ?? profile.login);
        }
      }
      if (current) {
        setNames(new Map(known));
      }
    });
    return () => {
      current = false;
    };
  }, [missingKey]);

  return names;
}
