import type { Schemas } from '@agora/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { BlurhashImage } from '../../ui/BlurhashImage';
import { SelectField, TextAreaField } from '../../ui/Field';
import { ListFooter } from '../../ui/ListFooter';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePagedList } from '../../ui/use-paged-list';
import { loadCheckins, postCheckin, type Checkin, type Kind } from './kinds';
import { useDisplayNames } from '../../ui/use-display-names';

type Serving = NonNullable<Schemas['CheckinInputDto']['serving']>;

/**
 * Every serving the API takes, in the form's order. A record, not a list: a serving the API adds (the union comes
 * from the generated client) fails the typecheck until it is offered here.
 */
const OFFERED_SERVINGS: Record<Serving, true> = {
  espresso: true,
  ristretto: true,
  americano: true,
  cappuccino: true,
  latte: true,
  'flat-white': true,
  filter: true,
  'pour-over': true,
  aeropress: true,
  'french-press': true,
  moka: true,
  'cold-brew': true,
  turkish: true,
  'batch-brew': true,
  capsule: true,
  other: true,
};
const SERVINGS = Object.keys(OFFERED_SERVINGS) as Serving[];

/** Quarter stars from 5 down to 0.25, as the API takes them. */
const RATINGS: readonly number[] = Array.from({ length: 20 }, (_, index) => 5 - index * 0.25);

function CheckinForm({
  kind,
  itemId,
  onCreated,
}: {
  readonly kind: Kind;
  readonly itemId: string;
  readonly onCreated: (checkin: Checkin) => void;
}): ReactNode {
  const { t } = useTranslation('catalog');
  const [rating, setRating] = useState('4');
  const [text, setText] = useState('');
  const [serving, setServing] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(problem);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSending(true);
    setProblem(undefined);
    setDone(false);
    const body: Schemas['CheckinInputDto'] = {
      rating: Number(rating),
      ...(text.trim() ? { text: text.trim() } : {}),
      ...(kind === 'coffee' && serving ? { serving: serving as Serving } : {}),
    };
    void postCheckin(kind, itemId, body)
      .then(({ data, error }) => {
        if (data) {
          onCreated(data);
          setText('');
          setServing('');
          setDone(true);
        } else {
          setProblem(asProblem(error));
        }
      })
      .finally(() => setSending(false));
  };

  const known = new Set(['rating', 'text', 'serving']);
  const otherProblem =
    problem && !(problem.errors ?? []).some((entry) => known.has(entry.field)) ? problem : undefined;
  return (
    <form className="card catalog-checkin-form" onSubmit={submit} aria-labelledby="checkin-form-heading">
      <h3 id="checkin-form-heading">{t('checkins.formHeading')}</h3>
      <SelectField
        label={t('checkins.rating')}
        name="rating"
        value={rating}
        error={errors.rating}
        onChange={(event) => setRating(event.target.value)}
        options={RATINGS.map((value) => ({ value: String(value), label: t('checkins.stars', { value }) }))}
      />
      {kind === 'coffee' && (
        <SelectField
          label={t('checkins.serving')}
          name="serving"
          value={serving}
          error={errors.serving}
          onChange={(event) => setServing(event.target.value)}
          options={[
            { value: '', label: t('checkins.servingNone') },
            ...SERVINGS.map((value) => ({ value, label: t(`serving.${value}`) })),
          ]}
        />
      )}
      <TextAreaField
        label={t('checkins.note')}
        hint={t('checkins.noteHint')}
        name="text"
        rows={3}
        maxLength={2000}
        value={text}
        error={errors.text}
        onChange={(event) => setText(event.target.value)}
      />
      <ProblemMessage problem={otherProblem} />
      <div className="row">
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('checkins.submitting') : t('checkins.submit')}
        </button>
        <span role="status" className="catalog-ok">
          {done ? t('checkins.done') : ''}
        </span>
      </div>
    </form>
  );
}

function CheckinEntry({
  checkin,
  author,
}: {
  readonly checkin: Checkin;
  readonly author: string;
}): ReactNode {
  const { t, i18n } = useTranslation('catalog');
  return (
    <li className="catalog-checkin">
      <p className="catalog-checkin__head">
        <strong className="catalog-stars">{t('checkins.stars', { value: checkin.rating })}</strong>{' '}
        <span>{t('checkins.by', { name: author })}</span>{' '}
        <time className="muted" dateTime={checkin.createdAt}>
          {new Date(checkin.createdAt).toLocaleString(i18n.language)}
        </time>
      </p>
      {(checkin.serving || checkin.venue || checkin.verifiedPhoto || checkin.verifiedPurchase) && (
        <p className="muted catalog-checkin__meta">
          {[
            checkin.serving ? t(`serving.${checkin.serving}`) : null,
            checkin.venue,
            checkin.verifiedPhoto ? `✓ ${t('checkins.verifiedPhoto')}` : null,
            checkin.verifiedPurchase ? `✓ ${t('checkins.verifiedPurchase')}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {checkin.text && <p className="catalog-checkin__text">{checkin.text}</p>}
      {checkin.tags.length > 0 && (
        <ul className="catalog-tags">
          {checkin.tags.map((tag) => (
            <li key={tag.id}>{tag.name}</li>
          ))}
        </ul>
      )}
      {checkin.photos.length > 0 && (
        <ul className="catalog-checkin__photos">
          {checkin.photos.map((photo) => (
            <li key={photo.mediaId}>
              <BlurhashImage
                src={photo.urls.thumb}
                alt={t('photos.alt', { name: author, side: t('checkins.heading') })}
                blurhash={photo.blurhash}
                width={photo.width}
                height={photo.height}
              />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The item's check-ins, newest first (keyset pages), and the form to add one when signed in. */
export function Checkins({
  kind,
  itemId,
  onRated,
}: {
  readonly kind: Kind;
  readonly itemId: string;
  readonly onRated: (rating: Schemas['RatingDto']) => void;
}): ReactNode {
  const { t } = useTranslation('catalog');
  const { account } = useSession();
  const list = usePagedList<Checkin>(`checkins:${kind}:${itemId}`, (cursor) =>
    loadCheckins(kind, itemId, cursor),
  );
  const names = useDisplayNames(list.items.map((checkin) => checkin.authorId));
  const created = (checkin: Checkin): void => {
    list.setItems((items) => [checkin, ...items.filter((item) => item.id !== checkin.id)]);
    onRated(checkin.item.rating);
  };
  return (
    <section className="catalog-checkins" aria-labelledby="checkins-heading">
      <h2 id="checkins-heading">{t('checkins.heading')}</h2>
      {account === null && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('checkins.signIn')}</Link>
        </p>
      )}
      {account && <CheckinForm kind={kind} itemId={itemId} onCreated={created} />}
      <ul className="catalog-checkin-list">
        {list.items.map((checkin) => (
          <CheckinEntry
            key={checkin.id}
            checkin={checkin}
            author={
              account?.id === checkin.authorId
                ? t('discussion.you')
                : (names.get(checkin.authorId) ?? t('discussion.someone'))
            }
          />
        ))}
      </ul>
      <ListFooter list={list} />
    </section>
  );
}
