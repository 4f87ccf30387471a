import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useQuery } from '../../ui/use-query';

/** A user's display name, linked to their profile (the id until the profile answers). */
export function ProfileLink({ userId }: { readonly userId: string }): ReactNode {
  const profile = useQuery(`profile:${userId}`, () =>
    api.GET('/profiles/{userId}', { params: { path: { userId } } }),
  );
  return <Link to={`/profiles/${userId}`}>{profile.data?.displayName ?? profile.data?.login ?? userId}</Link>;
}
