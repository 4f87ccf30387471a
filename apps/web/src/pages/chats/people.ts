import type { Schemas } from '@agora/client';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

type Profile = Schemas['ProfileDto'];

/** Public profiles read once per page load, shared by every list that names people. */
const profiles = new Map<string, Promise<Profile | null>>();

function readProfile(userId: string): Promise<Profile | null> {
  let profile = profiles.get(userId);
  if (!profile) {
    profile = api
      .GET('/profiles/{userId}', { params: { path: { userId } } })
      .then(({ data }) => data ?? null)
      .catch(() => null);
    profiles.set(userId, profile);
  }
  return profile;
}

/**
 * The display names of these users by id, filled in as their profiles arrive; a user without a public
 * profile (a support customer, say) stays out, and the caller names them generically.
 */
export function useDisplayNames(userIds: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(userIds)].sort().join(',');
  useEffect(() => {
    let active = true;
    const ids = key === '' ? [] : key.split(',');
    void Promise.all(ids.map(async (id) => [id, await readProfile(id)] as const)).then((found) => {
      if (!active) {
        return;
      }
      const next = new Map<string, string>();
      for (const [id, profile] of found) {
        if (profile) {
          next.set(id, profile.displayName || profile.login);
        }
      }
      setNames(next);
    });
    return () => {
      active = false;
    };
  }, [key]);
  return names;
}
