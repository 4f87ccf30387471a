import type { Schemas } from '@agora/client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { api } from '../../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../../api/problem';
import { useSession } from '../../../api/session';
import { Skeleton } from '../../../ui/BlurhashImage';
import { TextAreaField } from '../../../ui/Field';
import { ListFooter } from '../../../ui/ListFooter';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { usePagedList } from '../../../ui/use-paged-list';
import { formProblem } from '../../auth/form-problem';
import { Avatar } from './Avatar';
import '../social.css';

type Comment = Schemas['CommentDto'];

const PAGE_SIZE = 20;

/** Writes a comment on the post: POST /posts/:id/comments, the problem's field errors beside the text. */
function CommentForm({
  postId,
  onCommented,
}: {
  readonly postId: string;
  readonly onCommented: (comment: Comment) => void;
}): ReactNode {
  const { t } = useTranslation('social');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/posts/{id}/comments', {
      params: { path: { id: postId } },
      body: { text },
    });
    setBusy(false);
    if (data) {
      setText('');
      setProblem(undefined);
      onCommented(data);
    } else {
      setProblem(asProblem(error));
    }
  };

  return (
    <form className="comment-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextAreaField
        label={t('comments.label')}
        name="text"
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={fieldErrors(problem).text}
      />
      <ProblemMessage problem={formProblem(problem, ['text'])} />
      <button type="submit" className="button" disabled={busy || text.trim() === ''}>
        {busy ? t('comments.submitting') : t('comments.submit')}
      </button>
    </form>
  );
}

/** The post's comments, oldest first and paged, with the form for a signed-in reader. */
export function PostComments({
  postId,
  onCommented,
}: {
  readonly postId: string;
  /** A comment was written: the post's count goes up. */
  readonly onCommented: () => void;
}): ReactNode {
  const { t } = useTranslation('social');
  const { account } = useSession();
  const headingId = useId();
  const list = usePagedList<Comment>(`comments:${postId}`, (cursor) =>
    api.GET('/posts/{id}/comments', {
      params: { path: { id: postId }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    }),
  );

  const added = (comment: Comment): void => {
    // The list reads oldest first: the new comment is its last. While pages remain, the next page brings it.
    if (!list.hasMore) {
      list.setItems((items) => [...items, comment]);
    }
    onCommented();
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="comments__title">
        {t('comments.title')}
      </h2>
      <ul className="comments">
        {list.items.map((comment) => (
          <li key={comment.id} className="comment" data-testid="comment">
            <Avatar name={comment.author.displayName} mediaId={comment.author.avatarMediaId} alt="" />
            <div className="comment__body">
              <p className="comment__meta">
                <Link to={`/profiles/${comment.author.userId}`} className="post__author">
                  {comment.author.displayName}
                </Link>{' '}
                <span className="muted">@{comment.author.login}</span>{' '}
                <time className="muted" dateTime={comment.createdAt}>
                  {formatDateTime(comment.createdAt)}
                </time>
              </p>
              <p className="comment__text">{comment.text}</p>
            </div>
          </li>
        ))}
      </ul>
      {list.loading && list.items.length === 0 && <Skeleton />}
      <ListFooter list={list} />
      {account && <CommentForm postId={postId} onCommented={added} />}
      {account === null && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('comments.signIn')}</Link>
        </p>
      )}
    </section>
  );
}
