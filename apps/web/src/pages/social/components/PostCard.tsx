import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { api } from '../../../api/client';
import { asProblem, type Problem } from '../../../api/problem';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Avatar } from './Avatar';
import { MediaPhoto } from './MediaPhoto';
import '../social.css';

export type Post = Schemas['PostDto'];
type ItemRef = Schemas['ItemRefDto'];

/** Where an item reference opens in this app; null for a kind without a page. */
function itemPath(item: ItemRef): string | null {
  switch (item.kind) {
    case 'coffee':
      return `/coffees/${item.id}`;
    case 'watch':
      return `/watches/${item.id}`;
    case 'mechanism':
      return `/mechanisms/${item.id}`;
    case 'listing':
      return `/listings/${item.id}`;
    case 'product':
      return null;
  }
}

interface PostCardProps {
  readonly post: Post;
  /** The signed-in reader may like it. */
  readonly canLike: boolean;
  /** The post changed (a like): the list keeps the new value. */
  readonly onChange: (post: Post) => void;
}

/** One post: author, time, text, photos, the item it is about, likes (optimistic) and comment count (both linking to its page). */
export function PostCard({ post, canLike, onChange }: PostCardProps): ReactNode {
  const { t } = useTranslation('social');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const name = post.author.displayName;

  const toggleLike = async (): Promise<void> => {
    const before = post;
    const liked = !post.likedByMe;
    setProblem(undefined);
    onChange({ ...post, likedByMe: liked, likesCount: post.likesCount + (liked ? 1 : -1) });
    const request = { params: { path: { id: post.id } } };
    const { data, error } = liked
      ? await api.PUT('/posts/{id}/like', request)
      : await api.DELETE('/posts/{id}/like', request);
    if (data) {
      onChange({ ...before, likedByMe: data.liked, likesCount: data.likesCount });
    } else {
      // Rolled back: the server did not take it.
      onChange(before);
      setProblem(asProblem(error));
    }
  };

  const path = post.item ? itemPath(post.item) : null;
  const postPath = `/posts/${post.id}`;
  return (
    <article className="post card" aria-label={t('post.by', { name })}>
      <header className="post__header">
        <Avatar name={name} mediaId={post.author.avatarMediaId} alt="" />
        <div>
          <Link to={`/profiles/${post.author.userId}`} className="post__author">
            {name}
          </Link>{' '}
          <span className="muted">@{post.author.login}</span>
          {post.activity && (
            <span className="muted">
              {' '}
              {t(`post.activity.${post.activity}`, { count: post.milestone ?? 0 })}
            </span>
          )}
          <div className="muted post__meta">
            {/* The time is the post's own link, as on Mastodon. */}
            <Link to={postPath}>
              <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
            </Link>
            {post.edited && <> · {t('post.edited')}</>}
            {post.visibility === 'followers' && <> · {t('post.followersOnly')}</>}
          </div>
        </div>
      </header>
      {post.text && <p className="post__text">{post.text}</p>}
      {post.mediaIds.length > 0 && (
        <ul className={post.mediaIds.length === 1 ? 'post__photos post__photos--one' : 'post__photos'}>
          {post.mediaIds.map((mediaId, index) => (
            <li key={mediaId}>
              <MediaPhoto
                mediaId={mediaId}
                alt={t('post.photo', { index: index + 1, name })}
                edge={post.mediaIds.length === 1 ? 1024 : 256}
              />
            </li>
          ))}
        </ul>
      )}
      {post.item && (
        <p className="post__item">
          {path ? (
            <Link to={path}>{t(`post.item.${post.item.kind}`)}</Link>
          ) : (
            t(`post.item.${post.item.kind}`)
          )}
        </p>
      )}
      <footer className="row post__footer">
        {canLike ? (
          <button
            type="button"
            className={post.likedByMe ? 'like like--on' : 'like'}
            aria-pressed={post.likedByMe}
            onClick={() => void toggleLike()}
          >
            <span aria-hidden="true">{post.likedByMe ? '♥' : '♡'}</span> {t('post.like')}
          </button>
        ) : null}
        <span className="muted" aria-live="polite">
          {t('post.likes', { count: post.likesCount })}
        </span>
        <Link to={postPath}>{t('post.comments', { count: post.commentsCount })}</Link>
      </footer>
      <ProblemMessage problem={problem} />
    </article>
  );
}
