import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { Skeleton } from '../../ui/BlurhashImage';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading } from '../../ui/page';
import { useQuery } from '../../ui/use-query';
import { PostCard, type Post } from './components/PostCard';
import { PostComments } from './components/PostComments';
import { PostOwnerActions } from './components/PostOwnerActions';
import './social.css';

/** `/posts/:id`: the post (likes), its comments with a form, and the author's edit and delete. */
export function PostPage(): ReactNode {
  const { id = '' } = useParams();
  const { t } = useTranslation('social');
  const { account } = useSession();
  const navigate = useNavigate();
  const post = useQuery(`post:${id}`, () => api.GET('/posts/{id}', { params: { path: { id } } }));
  const { setData } = post;
  const replace = useCallback((next: Post) => setData(() => next), [setData]);
  const commented = useCallback(
    () => setData((current) => current && { ...current, commentsCount: current.commentsCount + 1 }),
    [setData],
  );

  if (!post.data) {
    if (post.problem) {
      return (
        <section className="card">
          <PageHeading title={t('post.unavailable')} />
          <ProblemMessage problem={post.problem} />
        </section>
      );
    }
    return <Skeleton lines={4} />;
  }
  const data = post.data;
  return (
    <div className="post-page">
      <PageHeading title={t('post.by', { name: data.author.displayName })} />
      <PostCard post={data} canLike={Boolean(account)} onChange={replace} />
      {account?.id === data.author.userId && (
        <PostOwnerActions
          post={data}
          onChange={replace}
          onDeleted={() => void navigate('/', { replace: true })}
        />
      )}
      <PostComments postId={data.id} onCommented={commented} />
    </div>
  );
}
