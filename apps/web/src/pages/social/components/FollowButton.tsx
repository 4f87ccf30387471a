import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '@agora/client';
import { api } from '../../../api/client';
import { asProblem, type Problem } from '../../../api/problem';
import { useSession } from '../../../api/session';
import { ProblemMessage } from '../../../ui/ProblemMessage';

type FollowState = Schemas['RelationshipDto']['following'];

interface FollowButtonProps {
  readonly userId: string;
  readonly isPrivate: boolean;
  /** The follower count moved by this button (+1 / −1), for the page's counts. */
  readonly onCountChange: (delta: number) => void;
}

/** Follow / unfollow, optimistic and rolled back on a problem; a private account gets a request. */
export function FollowButton({ userId, isPrivate, onCountChange }: FollowButtonProps): ReactNode {
  const { t } = useTranslation('social');
  const { account } = useSession();
  const [state, setState] = useState<FollowState | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const viewerId = account?.id;

  useEffect(() => {
    let current = true;
    setState(undefined);
    if (viewerId && viewerId !== userId) {
      void api
        .GET('/me/relationships/{userId}', { params: { path: { userId } } })
        .then(({ data }) => current && setState(data?.following ?? 'none'));
    }
    return () => {
      current = false;
    };
  }, [viewerId, userId]);

  if (account === null) {
    const back = encodeURIComponent(`/profiles/${userId}`);
    return (
      <Link className="button" to={`/sign-in?next=${back}`}>
        {t('profile.signInToFollow')}
      </Link>
    );
  }
  if (account === undefined || account.id === userId || state === undefined) {
    return null;
  }

  const toggle = async (): Promise<void> => {
    const before = state;
    const following = before === 'none';
    setBusy(true);
    setProblem(undefined);
    // Optimistic: a public account is followed at once; a private one shows the request as sent.
    setState(following ? (isPrivate ? 'pending' : 'active') : 'none');
    if (before === 'active' || (following && !isPrivate)) {
      onCountChange(following ? 1 : -1);
    }
    const request = { params: { path: { userId } } };
    if (following) {
      const { data, error } = await api.PUT('/me/following/{userId}', request);
      if (data) {
        setState(data.status);
        if (data.status === 'active' && isPrivate) {
          onCountChange(1);
        }
      } else {
        setState(before);
        if (!isPrivate) {
          onCountChange(-1);
        }
        setProblem(asProblem(error));
      }
    } else {
      const { error } = await api.DELETE('/me/following/{userId}', request);
      if (error !== undefined) {
        setState(before);
        if (before === 'active') {
          onCountChange(1);
        }
        setProblem(asProblem(error));
      }
    }
    setBusy(false);
  };

  const label =
    state === 'active'
      ? t('profile.unfollow')
      : state === 'pending'
        ? t('profile.cancelRequest')
        : isPrivate
          ? t('profile.requestFollow')
          : t('profile.follow');
  return (
    <div className="stack follow">
      <button
        type="button"
        className={state === 'none' ? 'button' : 'button button--secondary'}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {label}
      </button>
      {state === 'pending' && <span className="muted">{t('profile.requested')}</span>}
      <ProblemMessage problem={problem} />
    </div>
  );
}
