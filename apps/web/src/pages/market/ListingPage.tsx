import type { Schemas } from '@agora/client';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblem, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { BlurhashImage, Skeleton } from '../../ui/BlurhashImage';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePagedList } from '../../ui/use-paged-list';
import { useQuery } from '../../ui/use-query';
import { formatDateTime, formatPrice } from '../../ui/format';
import { leadPhoto, type Photo } from './ListingCard';
import './market.css';

type Listing = Schemas['ListingWithLikesDto'];
type Review = Schemas['ReviewDto'];
type Characteristic = Schemas['CharacteristicDto'];

/** The photos by side: the chosen one large, every side as a thumbnail button. */
function Gallery({
  title,
  photos,
}: {
  readonly title: string;
  readonly photos: readonly Photo[];
}): ReactNode {
  const { t } = useTranslation('market');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const shown = photos.find((photo) => photo.mediaId === chosen) ?? leadPhoto(photos);
  if (!shown) {
    return <p className="market-card__nophoto market-gallery__empty">{t('listings.noPhoto')}</p>;
  }
  return (
    <section className="market-gallery" aria-label={t('listing.photos')}>
      <BlurhashImage
        key={shown.mediaId}
        src={shown.urls.medium}
        alt={t('listing.photoAlt', { title, side: t(`side.${shown.side}`) })}
        blurhash={shown.blurhash}
        width={shown.width}
        height={shown.height}
        className="market-gallery__main"
        eager
      />
      {photos.length > 1 && (
        <ul className="market-gallery__thumbs">
          {photos.map((photo) => (
            <li key={photo.mediaId}>
              <button
                type="button"
                className="market-gallery__thumb"
                aria-pressed={photo.mediaId === shown.mediaId}
                aria-label={t('listing.showPhoto', { side: t(`side.${photo.side}`) })}
                onClick={() => setChosen(photo.mediaId)}
              >
                <BlurhashImage
                  src={photo.urls.thumb}
                  alt=""
                  blurhash={photo.blurhash}
                  width={photo.width}
                  height={photo.height}
                />
                <span className="market-gallery__side">{t(`side.${photo.side}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CharacteristicValue({ value }: { readonly value: Characteristic['value'] }): ReactNode {
  const { t } = useTranslation('market');
  if (typeof value === 'boolean') {
    return value ? t('listing.yes') : t('listing.no');
  }
  return String(value);
}

/** The seller's name (a link to their profile) and rating from verified reviews. */
function SellerCard({ sellerId }: { readonly sellerId: string }): ReactNode {
  const { t } = useTranslation('market');
  const profile = useQuery(`profile:${sellerId}`, () =>
    api.GET('/profiles/{userId}', { params: { path: { userId: sellerId } } }),
  );
  const seller = profile.data;
  return (
    <section className="card" aria-labelledby="listing-seller">
      <h2 id="listing-seller">{t('listing.seller')}</h2>
      {profile.loading && !seller ? (
        <Skeleton lines={2} />
      ) : (
        <>
          <p>
            <Link to={`/profiles/${sellerId}`}>{seller?.displayName ?? seller?.login ?? sellerId}</Link>
          </p>
          <p className="muted">
            {seller?.sellerRating !== null && seller?.sellerRating !== undefined
              ? t('listing.sellerRating', { rating: seller.sellerRating, count: seller.sellerReviewsCount })
              : t('listing.sellerNoRating')}
          </p>
        </>
      )}
    </section>
  );
}

function Reviews({ listingId }: { readonly listingId: string }): ReactNode {
  const { t } = useTranslation('market');
  const list = usePagedList<Review>(`reviews:${listingId}`, (cursor) =>
    api.GET('/listings/{listingId}/reviews', {
      params: {
        path: { listingId },
        query: { limit: 10, sort: '-createdAt', ...(cursor ? { cursor } : {}) },
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="listing-reviews">
      <h2 id="listing-reviews">{t('listing.reviews')}</h2>
      <ul className="market-reviews">
        {list.items.map((review) => (
          <li key={review.id}>
            <p>
              <strong>{t('listing.stars', { rating: review.rating })}</strong>{' '}
              <span className="muted">{formatDateTime(review.createdAt)}</span>{' '}
              {review.verifiedPurchase && <span className="market-status">{t('listing.verified')}</span>}
            </p>
            <p>{review.text}</p>
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </section>
  );
}

/** Whether the listing is among the caller's favourites (`GET /me/favourites/{listingId}`: 200 or 404). */
function useFavourite(listingId: string, signedIn: boolean) {
  const [favourite, setFavourite] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  useEffect(() => {
    if (!signedIn) {
      return;
    }
    let current = true;
    void api
      .GET('/me/favourites/{listingId}', { params: { path: { listingId } } })
      .then(({ data }) => current && setFavourite(data !== undefined));
    return () => {
      current = false;
    };
  }, [listingId, signedIn]);

  /** Optimistic: the heart changes at once and goes back if the API refuses. */
  const toggle = async (): Promise<void> => {
    const next = !favourite;
    setFavourite(next);
    setProblem(undefined);
    const params = { params: { path: { listingId } } };
    const { error } = next
      ? await api.PUT('/me/favourites/{listingId}', params)
      : await api.DELETE('/me/favourites/{listingId}', params);
    if (error !== undefined) {
      setFavourite(!next);
      setProblem(asProblem(error));
    }
  };
  return { favourite, problem, toggle };
}

/** One listing: photos by side, price, characteristics, description, seller, reviews; favourite and add to cart. */
export function ListingPage(): ReactNode {
  const { t } = useTranslation('market');
  const { id = '' } = useParams();
  const { account } = useSession();
  const listing = useQuery(`listing:${id}`, () => api.GET('/listings/{id}', { params: { path: { id } } }));
  const photos = useQuery(`listing-photos:${id}`, () =>
    api.GET('/listings/{id}/photos', { params: { path: { id } } }),
  );
  const favourite = useFavourite(id, Boolean(account));
  const [cartState, setCartState] = useState<'idle' | 'adding' | 'added'>('idle');
  const [cartProblem, setCartProblem] = useState<Problem | undefined>(undefined);

  const addToCart = async (): Promise<void> => {
    setCartState('adding');
    setCartProblem(undefined);
    const { error } = await api.POST('/cart', { body: { itemId: id, kind: 'listing', quantity: 1 } });
    if (error !== undefined) {
      setCartProblem(asProblem(error));
      setCartState('idle');
    } else {
      setCartState('added');
    }
  };

  const item: Listing | undefined = listing.data;
  if (!item) {
    return listing.loading ? (
      <Skeleton lines={6} />
    ) : (
      <section className="card">
        <PageHeading title={t('listings.title')} />
        <ProblemMessage problem={listing.problem} />
      </section>
    );
  }
  const own = account?.id === item.sellerId;
  return (
    <article className="market market-listing">
      <PageHeading title={item.title}>
        {item.status !== 'active' && <p className="market-status">{t(`status.${item.status}`)}</p>}
      </PageHeading>
      <div className="market-listing__layout">
        <div className="stack">
          {photos.loading && !photos.data ? (
            <Skeleton lines={4} />
          ) : (
            <Gallery title={item.title} photos={photos.data ?? []} />
          )}
          {item.characteristics.length > 0 && (
            <section className="card" aria-labelledby="listing-characteristics">
              <h2 id="listing-characteristics">{t('listing.characteristics')}</h2>
              <dl className="market-characteristics">
                {item.characteristics.map((characteristic) => (
                  <div key={characteristic.key}>
                    <dt>{characteristic.key}</dt>
                    <dd>
                      <CharacteristicValue value={characteristic.value} />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          {item.description && (
            <section className="card" aria-labelledby="listing-description">
              <h2 id="listing-description">{t('listing.description')}</h2>
              <p className="market-description">{item.description}</p>
            </section>
          )}
          <Reviews listingId={item.id} />
        </div>
        <aside className="stack">
          <section className="card" aria-label={t('listing.price')}>
            <p className="market-listing__price">{formatPrice(item.price, item.currency)}</p>
            {item.tags.length > 0 && (
              <ul className="market-chips" aria-label={t('listing.tags')}>
                {item.tags.map((tag) => (
                  <li key={tag}>
                    <Link className="market-chip" to={`/listings?tag=${encodeURIComponent(tag)}`}>
                      #{tag}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {own ? (
              <p className="muted">{t('listing.yours')}</p>
            ) : account ? (
              <div className="stack">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void favourite.toggle()}
                >
                  <span aria-hidden="true">{favourite.favourite ? '♥' : '♡'}</span>{' '}
                  {favourite.favourite ? t('listing.unfavourite') : t('listing.favourite')}
                </button>
                <ProblemMessage problem={favourite.problem} />
                {item.status === 'active' && (
                  <button
                    type="button"
                    className="button"
                    disabled={cartState === 'adding'}
                    onClick={() => void addToCart()}
                  >
                    {t('listing.addToCart')}
                  </button>
                )}
                <ProblemMessage problem={cartProblem} />
                {cartState === 'added' && (
                  <p role="status">
                    {t('listing.addedToCart')} <Link to="/cart">{t('listing.goToCart')}</Link>
                  </p>
                )}
              </div>
            ) : (
              account === null && (
                <p>
                  <Link to={`/sign-in?next=${encodeURIComponent(`/listings/${item.id}`)}`}>
                    {t('listing.signInToBuy')}
                  </Link>
                </p>
              )
            )}
          </section>
          <SellerCard sellerId={item.sellerId} />
        </aside>
      </div>
    </article>
  );
}
