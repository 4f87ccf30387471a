import { api } from '../../api/client';

export type FollowState = 'none' | 'active' | 'pending';

const PAGE = 100;

/**
 * Whether `viewerId` follows `userId`: the API has no single-pair route, so the viewer's own following list is
 * read page by page (newest first) until the user turns up. A pending request is not listed there: it reads
 * as "none" until the viewer sends one here.
 */
export async function readFollowState(viewerId: string, userId: string): Promise<FollowState> {
  let cursor: string | undefined;
  for (;;) {
    const { data } = await api.GET('/profiles/{userId}/following', {
      params: {
        path: { userId: viewerId },
        query: { limit: PAGE, sort: '-createdAt', ...(cursor ? { cursor } : {}) },
      },
    });
    if (!data) {
      return 'none';
    }
    if (data.items.some((related) => related.user.userId === userId)) {
      return 'active';
    }
    if (data.nextCursor === null) {
      return 'none';
    }
    cursor = data.nextCursor;
  }
}
