import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { Skeleton } from '../../ui/BlurhashImage';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading } from '../../ui/page';
import { usePagedList, type ListPage } from '../../ui/use-paged-list';
import type { ApiAnswer } from '../../ui/use-query';
import { Composer } from '../social/components/Composer';
import { PostCard, type Post } from '../social/components/PostCard';
import { HomeSections } from './HomeSections';
import './home.css';

const FEED_PAGE = 20;

/** GET /feed as a list page: the feed is keyset-only and uncounted (no `total`), which the footer never shows. */
async function loadFeed(cursor: string | undefined): Promise<ApiAnswer<ListPage<Post>>> {
  const { data, error } = await api.GET('/feed', {
    params: { query: { limit: FEED_PAGE, ...(cursor ? { cursor } : {}) } },
  });
  if (!data) {
    return { error };
  }
  return {
    data: { items: data.items, nextCursor: data.nextCursor, total: data.items.length, totalExact: false },
  };
}

/** The signed-in home: the composer above the feed, newest first, likes optimistic. */
function Feed(): ReactNode {
  const { t } = useTranslation('home');
  const list = usePagedList<Post>('feed', loadFeed);
  const replace = useCallback(
    (post: Post) => list.setItems((items) => items.map((item) => (item.id === post.id ? post : item))),
    [list],
  );
  const prepend = useCallback(
    (post: Post) => list.setItems((items) => [post, ...items.filter((item) => item.id !== post.id)]),
    [list],
  );
  return (
    <section className="home-feed" aria-labelledby="home-feed">
      <h2 id="home-feed">{t('feed')}</h2>
      <Composer onPosted={prepend} />
      {list.loading && list.items.length === 0 && <Skeleton lines={5} />}
      {!list.loading && !list.problem && list.items.length === 0 ? (
        <p className="muted">{t('feedEmpty')}</p>
      ) : (
        <ul className="post-list" aria-label={t('feed')}>
          {list.items.map((post) => (
            <li key={post.id}>
              <PostCard post={post} canLike onChange={replace} />
            </li>
          ))}
        </ul>
      )}
      {list.items.length > 0 || list.problem ? <ListFooter list={list} /> : null}
    </section>
  );
}

/** Home: before sign-in what Agora is and new items; after sign-in the feed as well. */
export function HomePage(): ReactNode {
  const { t } = useTranslation('home');
  const { account } = useSession();
  if (account === undefined) {
    return <Skeleton lines={5} />;
  }
  if (account === null) {
    return (
      <div className="home">
        <section className="card home-intro">
          <PageHeading title={t('welcome')} />
          <p>{t('intro')}</p>
          <div className="row">
            <Link className="button" to="/register">
              {t('register')}
            </Link>
            <Link className="button button--secondary" to="/sign-in">
              {t('signIn')}
            </Link>
          </div>
        </section>
        <HomeSections />
      </div>
    );
  }
  return (
    <div className="home home--signed-in">
      <PageHeading title={t('title')} />
      <div className="home-columns">
        <Feed />
        <aside aria-label={t('title')}>
          <HomeSections />
        </aside>
      </div>
    </div>
  );
}
