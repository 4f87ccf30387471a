import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Skeleton } from '../../ui/BlurhashImage';
import { PageHeading } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { Attributes, LikeButton, PhotoGallery, RatingSummary } from './CardParts';
import { Checkins } from './Checkins';
import { Discussion } from './Discussion';
import { itemSubtitle } from './ItemListPage';
import { KINDS, type CardItem, type Kind } from './kinds';
import './catalog.css';

/**
 * Marks `<kind>-card-interactive` (e.g. `coffee-card-interactive`) once the card's data is painted: its
 * `startTime` is the time since the page's navigation, `detail.sinceRoute` the time since this route mounted
 * (an in-app navigation from the list). Read with `performance.getEntriesByName('coffee-card-interactive')`.
 */
function useInteractiveMark(kind: Kind, id: string, painted: boolean): void {
  const mountedAt = useRef(performance.now());
  const marked = useRef<string | undefined>(undefined);
  useEffect(() => {
    mountedAt.current = performance.now();
  }, [id]);
  useEffect(() => {
    if (!painted || marked.current === id) {
      return;
    }
    marked.current = id;
    // After the frame that shows the card: the next animation frame runs once it has been painted.
    const frame = requestAnimationFrame(() => {
      const name = `${kind}-card-interactive`;
      performance.clearMarks(name);
      performance.mark(name, { detail: { id, sinceRoute: performance.now() - mountedAt.current } });
    });
    return () => cancelAnimationFrame(frame);
  }, [kind, id, painted]);
}

/** A catalog item's card: photos by side, attributes, rating, like, check-ins and the live discussion. */
export function ItemCardPage({ kind }: { readonly kind: Kind }): ReactNode {
  const { t } = useTranslation('catalog');
  const { id = '' } = useParams();
  const config = KINDS[kind];
  const card = useQuery<CardItem>(`card:${kind}:${id}`, () => config.loadCard(id));
  const photos = useQuery(`photos:${kind}:${id}`, () => config.loadPhotos(id));
  const item = card.data?.id === id ? card.data : undefined;
  useInteractiveMark(kind, id, item !== undefined);

  if (!item) {
    return (
      <div className="catalog-card">
        <Link to={config.path}>← {t('back')}</Link>
        {card.problem ? (
          <>
            <PageHeading title={t(`kinds.${kind}.title`)} />
            <ProblemMessage problem={card.problem} />
          </>
        ) : (
          <Skeleton lines={6} />
        )}
      </div>
    );
  }

  const update = (change: Partial<CardItem>): void =>
    card.setData((current) => (current ? ({ ...current, ...change } as CardItem) : current));

  return (
    <article className="catalog-card" data-testid="item-card">
      <Link to={config.path}>← {t('back')}</Link>
      <div className="catalog-card__top">
        <div className="catalog-card__photos">
          <PhotoGallery name={item.name} photos={photos.data} />
        </div>
        <div className="catalog-card__summary">
          <PageHeading title={item.name}>
            <p className="muted">{itemSubtitle(item, (level) => t(`roast.${level as 'light'}`))}</p>
          </PageHeading>
          {item.description && <p>{item.description}</p>}
          <LikeButton item={item} onChange={(likes) => update({ likes })} />
          {item.kind !== 'mechanism' && <RatingSummary rating={item.rating} />}
          <section aria-labelledby="attributes-heading">
            <h2 id="attributes-heading">{t('attributes.heading')}</h2>
            <Attributes item={item} />
          </section>
        </div>
      </div>
      <div className="catalog-card__social">
        {config.checkins && (
          <Checkins kind={kind} itemId={item.id} onRated={(rating) => update({ rating })} />
        )}
        <Discussion kind={kind} itemId={item.id} />
      </div>
    </article>
  );
}

export function CoffeePage(): ReactNode {
  return <ItemCardPage kind="coffee" />;
}

export function WatchPage(): ReactNode {
  return <ItemCardPage kind="watch" />;
}

export function MechanismPage(): ReactNode {
  return <ItemCardPage kind="mechanism" />;
}
