import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { asProblem, type Problem } from '../../api/problem';
import { BlurhashImage } from '../../ui/BlurhashImage';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { setLiked, type CardItem, type Photo } from './kinds';

const SIDE_ORDER: readonly Photo['side'][] = ['main', 'left', 'right', 'bottom', 'back', 'detail'];

/** The item's photos by side: the main one large and loaded at once, the other sides beside it, lazily. */
export function PhotoGallery({
  name,
  photos,
}: {
  readonly name: string;
  readonly photos: readonly Photo[] | undefined;
}): ReactNode {
  const { t } = useTranslation('catalog');
  const sorted = [...(photos ?? [])].sort(
    (a, b) => SIDE_ORDER.indexOf(a.side) - SIDE_ORDER.indexOf(b.side) || a.position - b.position,
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const shown = sorted.find((photo) => photo.mediaId === chosen) ?? sorted[0];
  if (photos === undefined) {
    return <div className="catalog-photo-placeholder" aria-hidden="true" />;
  }
  if (!shown) {
    return (
      <p className="catalog-photo-placeholder catalog-photo-placeholder--empty muted">{t('photos.none')}</p>
    );
  }
  const alt = (photo: Photo): string => t('photos.alt', { name, side: t(`photos.${photo.side}`) });
  return (
    <div className="catalog-gallery">
      <BlurhashImage
        key={shown.mediaId}
        className="catalog-gallery__main"
        src={shown.urls.medium}
        alt={alt(shown)}
        blurhash={shown.blurhash}
        width={shown.width}
        height={shown.height}
        eager
      />
      {sorted.length > 1 && (
        <ul className="catalog-gallery__thumbs" aria-label={t('photos.heading')}>
          {sorted.map((photo) => (
            <li key={photo.mediaId}>
              <button
                type="button"
                className="catalog-gallery__thumb"
                aria-pressed={photo.mediaId === shown.mediaId}
                onClick={() => setChosen(photo.mediaId)}
              >
                <BlurhashImage
                  src={photo.urls.thumb}
                  alt={alt(photo)}
                  blurhash={photo.blurhash}
                  width={photo.width}
                  height={photo.height}
                />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function years(
  t: (key: 'attributes.yearsRange' | 'attributes.yearsFrom', values: Record<string, unknown>) => string,
  start: number | null,
  end: number | null,
): string | null {
  if (start === null) {
    return end === null ? null : String(end);
  }
  return end === null ? t('attributes.yearsFrom', { start }) : t('attributes.yearsRange', { start, end });
}

/** The item's attributes as a description list; empty ones are left out. */
export function Attributes({ item }: { readonly item: CardItem }): ReactNode {
  const { t } = useTranslation('catalog');
  const rows: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode): void => {
    if (value !== null && value !== undefined && value !== '') {
      rows.push([label, value]);
    }
  };
  switch (item.kind) {
    case 'coffee': {
      add(t('attributes.roaster'), item.roaster.name);
      add(t('attributes.origin'), item.origin?.name);
      add(t('attributes.country'), item.countryCode);
      add(t('attributes.farm'), item.farm);
      add(t('attributes.farmer'), item.farmer?.name);
      add(t('attributes.variety'), item.variety);
      add(t('attributes.process'), item.process?.name);
      add(t('attributes.roast'), item.roastLevel ? t(`roast.${item.roastLevel}`) : null);
      const { altitudeMin: min, altitudeMax: max } = item;
      add(
        t('attributes.altitude'),
        min !== null && max !== null && min !== max
          ? t('attributes.altitudeRange', { min, max })
          : (min ?? max) !== null
            ? t('attributes.altitudeOne', { value: min ?? max })
            : null,
      );
      add(t('attributes.notes'), item.tastingNotes.join(', '));
      add(t('attributes.barcode'), item.barcode);
      break;
    }
    case 'watch':
      add(t('attributes.brand'), item.brand?.name);
      add(t('attributes.code'), item.code);
      add(t('attributes.folder'), item.folder);
      add(
        t('attributes.mechanism'),
        item.mechanism ? <Link to={`/mechanisms/${item.mechanism.id}`}>{item.mechanism.name}</Link> : null,
      );
      add(t('attributes.factory'), item.factory?.name);
      add(t('attributes.caseMaterial'), item.caseMaterial?.name);
      add(t('attributes.gender'), item.gender?.name);
      add(t('attributes.bracelet'), item.integratedBracelet ? t('attributes.yes') : t('attributes.no'));
      add(t('attributes.years'), years(t, item.startRelease, item.endRelease));
      add(t('attributes.aliases'), item.aliases.join(', '));
      break;
    case 'mechanism':
      add(t('attributes.mechanismType'), item.mechanismType?.name);
      add(t('attributes.factory'), item.factory?.name);
      add(t('attributes.stones'), item.stones);
      add(t('attributes.years'), years(t, item.startRelease, item.endRelease));
      add(t('attributes.functions'), item.functions.map((fn) => fn.name).join(', '));
      break;
  }
  return (
    <dl className="catalog-attributes">
      {rows.map(([label, value]) => (
        <div key={label} className="catalog-attributes__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Untappd-style: the average (from 10 ratings), the count, and the distribution by half star. */
export function RatingSummary({ rating }: { readonly rating: Schemas['RatingDto'] }): ReactNode {
  const { t } = useTranslation('catalog');
  const top = Math.max(1, ...rating.distribution.map((bucket) => bucket.count));
  return (
    <section className="catalog-rating" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{t('rating.heading')}</h2>
      {rating.average === null ? (
        <p className="muted">{t('rating.notYet')}</p>
      ) : (
        <p className="catalog-rating__average" data-testid="rating-average">
          {t('rating.average', { value: rating.average.toFixed(2) })}
        </p>
      )}
      <p className="muted" data-testid="rating-count">
        {t('rating.count', { count: rating.count })}
      </p>
      {rating.count > 0 && (
        <ul className="catalog-rating__buckets">
          {[...rating.distribution].reverse().map((bucket) => (
            <li key={bucket.stars}>
              <span className="catalog-rating__label">
                {t('rating.bucket', { stars: bucket.stars, count: bucket.count })}
              </span>
              <span className="catalog-rating__bar" aria-hidden="true">
                <span style={{ width: `${(bucket.count / top) * 100}%` }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Like, optimistic: the button turns at once and turns back if the API refuses. */
export function LikeButton({
  item,
  onChange,
}: {
  readonly item: CardItem;
  readonly onChange: (likes: Schemas['LikeSummaryDto']) => void;
}): ReactNode {
  const { t } = useTranslation('catalog');
  const { account } = useSession();
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const likes = item.likes ?? { count: 0, likedByMe: false };
  if (!account) {
    const back = encodeURIComponent(location.pathname);
    return (
      <p className="catalog-like">
        <span className="muted">{t('like.count', { count: likes.count })}</span>{' '}
        <Link to={`/sign-in?next=${back}`}>{t('like.signIn')}</Link>
      </p>
    );
  }
  const toggle = (): void => {
    if (pending) {
      return;
    }
    const before = likes;
    const wanted = !before.likedByMe;
    setPending(true);
    setProblem(undefined);
    onChange({ likedByMe: wanted, count: Math.max(0, before.count + (wanted ? 1 : -1)) });
    void setLiked(item.kind, item.id, wanted)
      .then(({ data, error }) => {
        if (data) {
          onChange({ likedByMe: data.likedByMe, count: data.count });
        } else {
          onChange(before);
          setProblem(asProblem(error));
        }
      })
      .finally(() => setPending(false));
  };
  return (
    <div className="catalog-like">
      <button
        type="button"
        className={likes.likedByMe ? 'button' : 'button button--secondary'}
        aria-pressed={likes.likedByMe}
        onClick={toggle}
      >
        {likes.likedByMe ? '♥ ' : '♡ '}
        {t('like.like')}
      </button>
      <span className="muted" data-testid="like-count">
        {t('like.count', { count: likes.count })}
      </span>
      <ProblemMessage problem={problem} />
    </div>
  );
}
