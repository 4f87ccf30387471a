import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { asProblem, type Problem } from '../../../api/problem';
import { ListFooter } from '../../../ui/ListFooter';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { usePagedList } from '../../../ui/use-paged-list';
import { Avatar } from './Avatar';

type Related = Schemas['RelatedUserDto'];

/** A private account's incoming follow requests: accept or reject each (the row leaves at once). */
export function FollowRequests({ onAccepted }: { readonly onAccepted: () => void }): ReactNode {
  const { t } = useTranslation('social');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const list = usePagedList<Related>('follow-requests', (cursor) =>
    api.GET('/me/follow-requests', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );

  const decide = async (request: Related, accept: boolean): Promise<void> => {
    const userId = request.user.userId;
    setProblem(undefined);
    // Optimistic: the request leaves the list; it comes back if the server refuses.
    list.setItems((items) => items.filter((item) => item.user.userId !== userId));
    const params = { params: { path: { userId } } };
    const { error } = accept
      ? await api.POST('/me/follow-requests/{userId}/accept', params)
      : await api.DELETE('/me/follow-requests/{userId}', params);
    if (error !== undefined) {
      list.setItems((items) => [request, ...items]);
      setProblem(asProblem(error));
    } else if (accept) {
      onAccepted();
    }
  };

  if (!list.loading && list.items.length === 0 && !list.problem) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="follow-requests">
      <h2 id="follow-requests">{t('profile.requests')}</h2>
      <ul className="people">
        {list.items.map((request) => (
          <li key={request.user.userId} className="people__item">
            <Avatar name={request.user.displayName} mediaId={request.user.avatarMediaId} alt="" />
            <Link to={`/profiles/${request.user.userId}`}>{request.user.displayName}</Link>
            <span className="muted">@{request.user.login}</span>
            <button
              type="button"
              className="button"
              onClick={() => void decide(request, true)}
              aria-label={t('profile.acceptFrom', { name: request.user.displayName })}
            >
              {t('profile.accept')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void decide(request, false)}
              aria-label={t('profile.rejectFrom', { name: request.user.displayName })}
            >
              {t('profile.reject')}
            </button>
          </li>
        ))}
      </ul>
      <ProblemMessage problem={problem} />
      <ListFooter list={list} />
    </section>
  );
}
