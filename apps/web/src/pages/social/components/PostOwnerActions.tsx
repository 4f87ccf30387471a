import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ifMatch } from '../../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../../api/problem';
import { TextAreaField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { formProblem } from '../../auth/form-problem';
import type { Post } from './PostCard';

interface PostOwnerActionsProps {
  readonly post: Post;
  readonly onChange: (post: Post) => void;
  readonly onDeleted: () => void;
}

/**
 * The author's edit of the text (PATCH /posts/:id at the version read, If-Match; a 412 shows the latest version)
 * and delete after a confirmation.
 */
export function PostOwnerActions({ post, onChange, onDeleted }: PostOwnerActionsProps): ReactNode {
  const { t } = useTranslation('social');
  const { t: tc } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [draft, setDraft] = useState(post.text);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const path = { id: post.id };

  const leave = (): void => {
    setMode('view');
    setProblem(undefined);
    setNotice(undefined);
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    const { data, error } = await api.PATCH('/posts/{id}', {
      params: { path, header: { 'If-Match': ifMatch(post.version) } },
      body: { text: draft },
    });
    setBusy(false);
    if (data) {
      onChange(data);
      leave();
      return;
    }
    const failure = asProblem(error);
    if (failure.code === 'PRECONDITION_FAILED') {
      // Edited elsewhere first: show that version, the author decides again.
      const fresh = await api.GET('/posts/{id}', { params: { path } });
      if (fresh.data) {
        onChange(fresh.data);
        setDraft(fresh.data.text);
        setProblem(undefined);
        setNotice(t('post.changedElsewhere'));
        return;
      }
    }
    setProblem(failure);
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    const { error, response } = await api.DELETE('/posts/{id}', { params: { path } });
    setBusy(false);
    if (response.ok) {
      onDeleted();
    } else {
      setProblem(asProblem(error));
    }
  };

  if (mode === 'edit') {
    return (
      <form className="card" onSubmit={(event) => void save(event)} noValidate>
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        <TextAreaField
          autoFocus
          label={t('post.editLabel')}
          name="text"
          rows={4}
          maxLength={5000}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          error={fieldErrors(problem).text}
        />
        <ProblemMessage problem={formProblem(problem, ['text'])} />
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {tc('action.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={leave}>
            {tc('action.cancel')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="post-actions">
      {mode === 'delete' ? (
        <div className="row" role="group" aria-label={t('post.confirmDelete')}>
          <span>{t('post.confirmDelete')}</span>
          <button type="button" className="button" onClick={() => void remove()} disabled={busy}>
            {tc('action.delete')}
          </button>
          <button type="button" className="button button--secondary" autoFocus onClick={leave}>
            {tc('action.cancel')}
          </button>
        </div>
      ) : (
        <div className="row">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft(post.text);
              setMode('edit');
            }}
          >
            {t('post.edit')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setMode('delete')}>
            {t('post.delete')}
          </button>
        </div>
      )}
      <ProblemMessage problem={problem} />
    </div>
  );
}
