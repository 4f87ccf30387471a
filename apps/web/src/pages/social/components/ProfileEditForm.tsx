import type { Schemas } from '@agora/client';
import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ifMatch } from '../../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../../api/problem';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { formProblem } from '../../auth/form-problem';
import { Avatar } from './Avatar';
import { uploadPhoto } from './upload-photo';

type Profile = Schemas['ProfileDto'];
type MessagesFrom = Profile['messagesFrom'];

const MESSAGES_FROM: readonly MessagesFrom[] = ['everyone', 'following', 'mutuals', 'nobody'];

interface ProfileEditFormProps {
  readonly profile: Profile;
  readonly onSaved: (profile: Profile) => void;
  readonly onCancel: () => void;
}

/** The owner's edit of their profile: PATCH /profiles/me at the version read (If-Match), 412 reloads it. */
export function ProfileEditForm({ profile, onSaved, onCancel }: ProfileEditFormProps): ReactNode {
  const { t } = useTranslation('social');
  const { t: tc } = useTranslation();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [bio, setBio] = useState(profile.bio);
  const [isPrivate, setPrivate] = useState(profile.private);
  const [messagesFrom, setMessagesFrom] = useState<MessagesFrom>(profile.messagesFrom);
  const [avatarMediaId, setAvatarMediaId] = useState(profile.avatarMediaId);
  const [uploading, setUploading] = useState(false);
  const avatarInput = useId();
  const [version, setVersion] = useState(profile.version);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  const pickAvatar = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) {
      return;
    }
    setUploading(true);
    const uploaded = await uploadPhoto(file);
    setUploading(false);
    if (uploaded.id) {
      setAvatarMediaId(uploaded.id);
      setProblem(undefined);
    } else {
      setProblem(uploaded.problem);
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    const { data, error } = await api.PATCH('/profiles/me', {
      params: { header: { 'If-Match': ifMatch(version) } },
      body: {
        displayName: displayName.trim(),
        bio,
        private: isPrivate,
        messagesFrom,
        ...(avatarMediaId !== profile.avatarMediaId ? { avatarMediaId } : {}),
      },
    });
    setBusy(false);
    if (data) {
      setProblem(undefined);
      onSaved(data);
      return;
    }
    const failure = asProblem(error);
    if (failure.code === 'PRECONDITION_FAILED') {
      // Someone (another tab) saved first: show their version, the user decides again.
      const fresh = await api.GET('/profiles/{userId}', { params: { path: { userId: profile.userId } } });
      if (fresh.data) {
        setDisplayName(fresh.data.displayName);
        setBio(fresh.data.bio);
        setPrivate(fresh.data.private);
        setMessagesFrom(fresh.data.messagesFrom);
        setAvatarMediaId(fresh.data.avatarMediaId);
        setVersion(fresh.data.version);
        setProblem(undefined);
        setNotice(t('profile.changedElsewhere'));
        return;
      }
    }
    setProblem(failure);
  };

  return (
    <form className="card profile-edit" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('profile.editTitle')}</h2>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <div className="field">
        <label htmlFor={avatarInput}>{t('profile.avatarPhoto')}</label>
        <div className="row">
          <Avatar
            name={displayName || profile.login}
            mediaId={avatarMediaId}
            url={avatarMediaId ? null : profile.avatarUrl}
            alt={t('profile.avatar', { name: displayName || profile.login })}
          />
          <input
            id={avatarInput}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            aria-describedby={`${avatarInput}-hint`}
            disabled={uploading}
            onChange={(event) => void pickAvatar(event)}
          />
          {avatarMediaId && (
            <button type="button" className="link-button" onClick={() => setAvatarMediaId(null)}>
              {t('profile.avatarRemove')}
            </button>
          )}
        </div>
        <p id={`${avatarInput}-hint`} className="field__hint">
          {uploading ? t('profile.avatarUploading') : t('profile.avatarHint')}
        </p>
      </div>
      <TextField
        label={t('profile.displayName')}
        name="displayName"
        maxLength={64}
        required
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.displayName}
      />
      <TextAreaField
        label={t('profile.bio')}
        name="bio"
        rows={4}
        maxLength={1000}
        value={bio}
        onChange={(event) => setBio(event.target.value)}
        error={errors.bio}
      />
      <div className="field field--check">
        <label>
          <input type="checkbox" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} />{' '}
          {t('profile.makePrivate')}
        </label>
      </div>
      <SelectField
        label={t('profile.messagesFrom')}
        name="messagesFrom"
        value={messagesFrom}
        onChange={(event) =>
          setMessagesFrom(MESSAGES_FROM.find((value) => value === event.target.value) ?? 'everyone')
        }
        options={MESSAGES_FROM.map((value) => ({ value, label: t(`profile.messagesFromOption.${value}`) }))}
        error={errors.messagesFrom}
      />
      <ProblemMessage problem={formProblem(problem, ['displayName', 'bio', 'messagesFrom'])} />
      <div className="row">
        <button type="submit" className="button" disabled={busy || uploading}>
          {tc('action.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {tc('action.cancel')}
        </button>
      </div>
    </form>
  );
}
