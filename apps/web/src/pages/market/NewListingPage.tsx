import type { Schemas } from '@agora/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { FieldFrame, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { canSell } from './sellers';
import { SellerApplicationForm } from './SellerApplicationForm';
import { TagInput } from './TagInput';
import { attachListingPhoto, uploadMedia } from './upload';
import './market.css';

type ListingInput = Schemas['ListingInputDto'];
type Characteristic = Schemas['CharacteristicDto'];
type Side = Schemas['AttachPhotoDto']['side'];

const SIDES: readonly Side[] = ['main', 'left', 'right', 'bottom', 'back', 'detail'];
const CURRENCIES = ['RUB', 'KZT', 'USD', 'EUR'] as const;

interface CharacteristicRow {
  readonly key: string;
  readonly type: Characteristic['type'];
  readonly value: string;
}

interface ChosenPhoto {
  readonly id: string;
  readonly file: File;
  readonly side: Side;
  /** Attached to the created listing (a retry after a failed upload skips it). */
  readonly attached: boolean;
  readonly error?: string;
}

function typedValue(row: CharacteristicRow): Characteristic['value'] {
  if (row.type === 'number') {
    return Number(row.value.replace(',', '.'));
  }
  if (row.type === 'boolean') {
    return row.value === 'true';
  }
  return row.value;
}

/** Errors of a list field (`tags.3`, `characteristics.0.key`) gathered under the field's name. */
function errorsUnder(errors: Record<string, string>, prefix: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .map(([, message]) => message);
  return found.length > 0 ? found.join('; ') : undefined;
}

function ListingForm(): ReactNode {
  const { t } = useTranslation('market');
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState('');
  const [currency, setCurrency] = useState<string>('RUB');
  const [status, setStatus] = useState<'active' | 'draft'>('active');
  const [tags, setTags] = useState<string[]>([]);
  const [characteristics, setCharacteristics] = useState<CharacteristicRow[]>([]);
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [created, setCreated] = useState<Schemas['ListingDto'] | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [progress, setProgress] = useState<string | undefined>(undefined);
  // A field's error stays until the field is edited (or the form is sent again).
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const allErrors = fieldErrors(problem);
  const errors = Object.fromEntries(
    Object.entries(allErrors).filter(([field]) => !edited.has(field.split('.')[0] ?? field)),
  );
  const touch = (field: string): void => setEdited((current) => new Set(current).add(field));

  const choose = (files: FileList | null): void => {
    const chosen = Array.from(files ?? []);
    setPhotos((current) => [
      ...current,
      ...chosen.map((file, index) => ({
        id: `${file.name}-${file.size}-${Date.now()}-${index}`,
        file,
        side: current.length === 0 && index === 0 ? ('main' as const) : ('detail' as const),
        attached: false,
      })),
    ]);
  };

  const updateRow = (index: number, change: Partial<CharacteristicRow>): void => {
    touch('characteristics');
    setCharacteristics((rows) => rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(undefined);
    setEdited(new Set());
    setProgress(t('form.saving'));
    let listing = created;
    if (!listing) {
      const body: ListingInput = {
        title,
        price: price.trim().replace(',', '.'),
        currency,
        status,
        tags,
        description: description.trim() === '' ? null : description,
        characteristics: characteristics
          .filter((row) => row.key.trim() !== '')
          .map((row) => ({ key: row.key.trim(), type: row.type, value: typedValue(row) })),
      };
      const answer = await api.POST('/listings', { body });
      if (!answer.data) {
        setProblem(asProblem(answer.error));
        setProgress(undefined);
        return;
      }
      listing = answer.data;
      setCreated(listing);
    }
    const listingId = listing.id;
    const pending = photos.filter((photo) => !photo.attached);
    let failed = false;
    for (const [index, photo] of pending.entries()) {
      setProgress(t('form.uploading', { index: index + 1, count: pending.length }));
      const uploaded = await uploadMedia(photo.file);
      const attached = uploaded.data
        ? await attachListingPhoto(listingId, uploaded.data.id, {
            side: photo.side,
            position: photos.indexOf(photo),
          })
        : uploaded;
      const photoProblem = attached.error === undefined ? undefined : asProblem(attached.error);
      failed ||= photoProblem !== undefined;
      setPhotos((current) =>
        current.map((entry) =>
          entry.id === photo.id
            ? {
                ...entry,
                attached: photoProblem === undefined,
                error: photoProblem ? (photoProblem.detail ?? photoProblem.title) : undefined,
              }
            : entry,
        ),
      );
    }
    setProgress(undefined);
    if (!failed) {
      void navigate(`/listings/${listingId}`);
    }
  };

  const photoErrors = photos.filter((photo) => photo.error);
  return (
    <form className="card market-form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemMessage problem={problem} />
      <TextField
        label={t('form.name')}
        value={title}
        maxLength={140}
        required
        error={errors['title']}
        onChange={(event) => {
          touch('title');
          setTitle(event.target.value);
        }}
        disabled={Boolean(created)}
      />
      <TextAreaField
        label={t('form.description')}
        value={description}
        rows={5}
        maxLength={5000}
        error={errors['description']}
        onChange={(event) => {
          touch('description');
          setDescription(event.target.value);
        }}
        disabled={Boolean(created)}
      />
      <div className="row market-form__pair">
        <TextField
          label={t('form.price')}
          value={price}
          inputMode="decimal"
          required
          error={errors['price']}
          onChange={(event) => {
            touch('price');
            setPrice(event.target.value);
          }}
          disabled={Boolean(created)}
        />
        <SelectField
          label={t('form.currency')}
          value={currency}
          error={errors['currency']}
          options={CURRENCIES.map((code) => ({ value: code, label: code }))}
          onChange={(event) => {
            touch('currency');
            setCurrency(event.target.value);
          }}
          disabled={Boolean(created)}
        />
      </div>
      <SelectField
        label={t('form.status')}
        value={status}
        error={errors['status']}
        options={[
          { value: 'active', label: t('form.publishNow') },
          { value: 'draft', label: t('form.keepDraft') },
        ]}
        onChange={(event) => setStatus(event.target.value === 'draft' ? 'draft' : 'active')}
        disabled={Boolean(created)}
      />
      <TagInput
        tags={tags}
        onChange={(next) => {
          touch('tags');
          setTags(next);
        }}
        error={errorsUnder(errors, 'tags')}
      />
      <fieldset className="market-fieldset" disabled={Boolean(created)}>
        <legend>{t('form.characteristics')}</legend>
        {characteristics.map((row, index) => (
          <div key={index} className="row market-form__characteristic">
            <TextField
              label={t('form.characteristicKey')}
              value={row.key}
              maxLength={60}
              error={errorsUnder(errors, `characteristics.${index}.key`)}
              onChange={(event) => updateRow(index, { key: event.target.value })}
            />
            <SelectField
              label={t('form.characteristicType')}
              value={row.type}
              options={[
                { value: 'string', label: t('form.typeString') },
                { value: 'number', label: t('form.typeNumber') },
                { value: 'boolean', label: t('form.typeBoolean') },
              ]}
              onChange={(event) =>
                updateRow(index, {
                  type:
                    event.target.value === 'number' || event.target.value === 'boolean'
                      ? event.target.value
                      : 'string',
                  value: event.target.value === 'boolean' ? 'true' : row.value,
                })
              }
            />
            {row.type === 'boolean' ? (
              <SelectField
                label={t('form.characteristicValue')}
                value={row.value}
                options={[
                  { value: 'true', label: t('listing.yes') },
                  { value: 'false', label: t('listing.no') },
                ]}
                onChange={(event) => updateRow(index, { value: event.target.value })}
              />
            ) : (
              <TextField
                label={t('form.characteristicValue')}
                value={row.value}
                inputMode={row.type === 'number' ? 'decimal' : undefined}
                error={errorsUnder(errors, `characteristics.${index}.value`)}
                onChange={(event) => updateRow(index, { value: event.target.value })}
              />
            )}
            <button
              type="button"
              className="link-button"
              aria-label={t('form.removeCharacteristic', { index: index + 1 })}
              onClick={() => setCharacteristics((rows) => rows.filter((_, at) => at !== index))}
            >
              ×
            </button>
          </div>
        ))}
        {errors['characteristics'] && (
          <p className="field__error" role="alert">
            {errors['characteristics']}
          </p>
        )}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setCharacteristics((rows) => [...rows, { key: '', type: 'string', value: '' }])}
        >
          {t('form.addCharacteristic')}
        </button>
      </fieldset>
      <FieldFrame
        label={t('form.choosePhotos')}
        hint={t('form.photosHint')}
        error={
          photoErrors.length > 0
            ? photoErrors
                .map((photo) => t('form.photoFailed', { name: photo.file.name, detail: photo.error }))
                .join(' ')
            : undefined
        }
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            multiple
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => {
              choose(event.target.files);
              event.target.value = '';
            }}
          />
        )}
      </FieldFrame>
      {photos.length > 0 && (
        <ul className="market-photo-list" aria-label={t('form.photos')}>
          {photos.map((photo) => (
            <li key={photo.id} className="row">
              <span className="market-photo-list__name">
                {photo.attached ? '✓ ' : ''}
                {photo.file.name}
              </span>
              <SelectField
                label={t('form.photoSide', { name: photo.file.name })}
                value={photo.side}
                disabled={photo.attached}
                options={SIDES.map((side) => ({ value: side, label: t(`side.${side}`) }))}
                onChange={(event) => {
                  const side = SIDES.find((candidate) => candidate === event.target.value) ?? 'detail';
                  setPhotos((current) =>
                    current.map((entry) => (entry.id === photo.id ? { ...entry, side } : entry)),
                  );
                }}
              />
              {!photo.attached && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setPhotos((current) => current.filter((entry) => entry.id !== photo.id))}
                >
                  {t('form.removePhoto', { name: photo.file.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {progress && (
        <p role="status" className="muted">
          {progress}
        </p>
      )}
      <button type="submit" className="button" disabled={progress !== undefined}>
        {t('form.submit')}
      </button>
    </form>
  );
}

/** A new listing for sellers; anyone else learns how to become one and may apply here. */
export function NewListingPage(): ReactNode {
  const { t } = useTranslation('market');
  const { account } = useSession();
  return (
    <RequireSignIn>
      <div className="market">
        <PageHeading title={t('form.title')} />
        {canSell(account) ? (
          <ListingForm />
        ) : (
          <section className="card" aria-labelledby="apply-heading">
            <h2 id="apply-heading">{t('form.notSeller')}</h2>
            <p>{t('form.applyIntro')}</p>
            <SellerApplicationForm />
          </section>
        )}
      </div>
    </RequireSignIn>
  );
}
