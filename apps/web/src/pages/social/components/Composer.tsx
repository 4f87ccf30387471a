import type { Schemas } from '@agora/client';
import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../../api/problem';
import { SelectField, TextAreaField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { MediaPhoto } from './MediaPhoto';
import { uploadPhoto } from './upload-photo';
import type { Post } from './PostCard';

type Visibility = Schemas['CreatePostDto']['visibility'];

const MAX_PHOTOS = 10;

/** Writes a post: text, optional photos (uploaded first), who sees it. */
export function Composer({ onPosted }: { readonly onPosted: (post: Post) => void }): ReactNode {
  const { t } = useTranslation('social');
  const photosId = useId();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<NonNullable<Visibility>>('public');
  const [mediaIds, setMediaIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const errors = fieldErrors(problem);

  const addPhotos = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const files = [...(event.target.files ?? [])].slice(0, MAX_PHOTOS - mediaIds.length);
    event.target.value = '';
    setUploading(true);
    setProblem(undefined);
    for (const file of files) {
      const uploaded = await uploadPhoto(file);
      if (uploaded.id) {
        const id = uploaded.id;
        setMediaIds((current) => [...current, id]);
      } else {
        setProblem(uploaded.problem);
        break;
      }
    }
    setUploading(false);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/posts', { body: { text, mediaIds, visibility } });
    setBusy(false);
    if (data) {
      setText('');
      setMediaIds([]);
      setProblem(undefined);
      onPosted(data);
    } else {
      setProblem(asProblem(error));
    }
  };

  const textError = errors.text ?? (problem?.code === 'TEXT_TOO_LONG' ? problem.detail : undefined);
  return (
    <form className="composer card" onSubmit={(event) => void submit(event)} noValidate>
      <TextAreaField
        label={t('composer.label')}
        name="text"
        rows={3}
        maxLength={5000}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={textError}
      />
      <div className="field">
        <label htmlFor={photosId}>{t('composer.photos')}</label>
        <input
          id={photosId}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          multiple
          disabled={uploading || mediaIds.length >= MAX_PHOTOS}
          aria-describedby={`${photosId}-hint`}
          onChange={(event) => void addPhotos(event)}
        />
        <p id={`${photosId}-hint`} className="field__hint">
          {uploading ? t('composer.uploading') : t('composer.photosHint')}
        </p>
      </div>
      {mediaIds.length > 0 && (
        <ul className="composer__photos">
          {mediaIds.map((mediaId, index) => (
            <li key={mediaId}>
              <MediaPhoto mediaId={mediaId} alt={t('composer.attached', { index: index + 1 })} edge={128} />
              <button
                type="button"
                className="link-button"
                onClick={() => setMediaIds((current) => current.filter((id) => id !== mediaId))}
              >
                {t('composer.removePhoto', { index: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <SelectField
        label={t('composer.visibility')}
        name="visibility"
        value={visibility}
        onChange={(event) => setVisibility(event.target.value === 'followers' ? 'followers' : 'public')}
        options={[
          { value: 'public', label: t('composer.public') },
          { value: 'followers', label: t('composer.followers') },
        ]}
      />
      <ProblemMessage problem={textError ? undefined : problem} />
      <button
        type="submit"
        className="button"
        disabled={busy || uploading || (text.trim() === '' && mediaIds.length === 0)}
      >
        {busy ? t('composer.submitting') : t('composer.submit')}
      </button>
    </form>
  );
}
