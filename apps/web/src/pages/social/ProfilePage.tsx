import type { Schemas } from '@agora/client';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { Skeleton } from '../../ui/BlurhashImage';
import { ListFooter } from '../../ui/ListFooter';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading, usePageTitle } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { useQuery } from '../../ui/use-query';
import { Avatar } from './components/Avatar';
import { FollowButton } from './components/FollowButton';
import { FollowRequests } from './components/FollowRequests';
import { PostCard, type Post } from './components/PostCard';
import { ProfileEditForm } from './components/ProfileEditForm';
import './social.css';

type Profile = Schemas['ProfileDto'];
type Tab = 'posts' | 'followers' | 'following';

const PAGE_SIZE = 20;

function tabOf(value: string | undefined): Tab {
  return value === 'followers' || value === 'following' ? value : 'posts';
}

function ProfilePosts({ userId }: { readonly userId: string }): ReactNode {
  const { account } = useSession();
  const list = usePagedList<Post>(`posts:${userId}`, (cursor) =>
    api.GET('/profiles/{userId}/posts', {
      params: { path: { userId }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    }),
  );
  const replace = useCallback(
    (post: Post) => list.setItems((items) => items.map((item) => (item.id === post.id ? post : item))),
    [list],
  );
  return (
    <>
      <ul className="post-list">
        {list.items.map((post) => (
          <li key={post.id}>
            <PostCard post={post} canLike={Boolean(account)} onChange={replace} />
          </li>
        ))}
      </ul>
      {list.loading && list.items.length === 0 && <Skeleton />}
      <ListFooter list={list} />
    </>
  );
}

function RelatedUsers({
  userId,
  tab,
}: {
  readonly userId: string;
  readonly tab: 'followers' | 'following';
}): ReactNode {
  const { t, i18n } = useTranslation('social');
  const list = usePagedList<Schemas['RelatedUserDto']>(`${tab}:${userId}`, (cursor) => {
    const request = {
      params: {
        path: { userId },
        query: { limit: PAGE_SIZE, sort: '-createdAt', ...(cursor ? { cursor } : {}) },
      },
    };
    return tab === 'followers'
      ? api.GET('/profiles/{userId}/followers', request)
      : api.GET('/profiles/{userId}/following', request);
  });
  return (
    <>
      <ul className="people">
        {list.items.map(({ user, since }) => (
          <li key={user.userId} className="people__item">
            <Avatar name={user.displayName} mediaId={user.avatarMediaId} alt="" />
            <Link to={`/profiles/${user.userId}`}>{user.displayName}</Link>
            <span className="muted">@{user.login}</span>
            <span className="muted">
              {t('profile.since', { date: new Date(since).toLocaleDateString(i18n.language) })}
            </span>
          </li>
        ))}
      </ul>
      {list.loading && list.items.length === 0 && <Skeleton />}
      <ListFooter list={list} />
    </>
  );
}

function ProfileDetails({ profile }: { readonly profile: Profile }): ReactNode {
  const { t } = useTranslation('social');
  return (
    <>
      {profile.bio && <p className="profile__bio">{profile.bio}</p>}
      <p className="muted">
        {profile.sellerRating === null
          ? t('profile.noSellerRating')
          : t('profile.sellerRating', {
              rating: profile.sellerRating.toFixed(1),
              count: profile.sellerReviewsCount,
            })}
      </p>
      {profile.contacts.length > 0 && (
        <>
          <h2>{t('profile.contacts')}</h2>
          <ul className="profile__links">
            {profile.contacts.map((contact) => (
              <li key={`${contact.kind}:${contact.value}`}>
                <span className="muted">{t(`profile.contactKind.${contact.kind}`)}:</span> {contact.value}
              </li>
            ))}
          </ul>
        </>
      )}
      {profile.marketplaceLinks.length > 0 && (
        <>
          <h2>{t('profile.marketplaces')}</h2>
          <ul className="profile__links">
            {profile.marketplaceLinks.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="noopener noreferrer nofollow" target="_blank">
                  {t(`profile.site.${link.site}`)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** `/profiles/:userId[/followers|/following]`: who they are, follow, their posts and their follows. */
export function ProfilePage(): ReactNode {
  const { userId = '', tab: tabParam } = useParams();
  const tab = tabOf(tabParam);
  const { t, i18n } = useTranslation('social');
  const { account } = useSession();
  const [editing, setEditing] = useState(false);
  const profile = useQuery(`profile:${userId}`, () =>
    api.GET('/profiles/{userId}', { params: { path: { userId } } }),
  );
  usePageTitle(profile.data?.displayName);

  if (!profile.data) {
    if (profile.problem) {
      return (
        <section className="card">
          <PageHeading title={t('profile.unavailable')} />
          <ProblemMessage problem={profile.problem} />
        </section>
      );
    }
    return <Skeleton lines={4} />;
  }
  const data = profile.data;
  const own = account?.id === data.userId;
  const base = `/profiles/${data.userId}`;
  const moveFollowers = (delta: number): void =>
    profile.setData((current) => current && { ...current, followersCount: current.followersCount + delta });

  return (
    <div className="profile">
      <section className="card profile__card">
        <Avatar
          name={data.displayName}
          mediaId={data.avatarMediaId}
          url={data.avatarUrl}
          size="large"
          alt={t('profile.avatar', { name: data.displayName })}
        />
        <div className="profile__about">
          <PageHeading title={data.displayName}>
            <p className="muted">
              @{data.login}
              {data.private && <> · {t('profile.private')}</>} ·{' '}
              {t('profile.joined', { date: new Date(data.createdAt).toLocaleDateString(i18n.language) })}
            </p>
          </PageHeading>
          <p data-testid="profile-counts">
            {t('profile.counts', {
              posts: data.postsCount,
              followers: data.followersCount,
              following: data.followingCount,
            })}
          </p>
          <ProfileDetails profile={data} />
          <div className="row">
            {own ? (
              !editing && (
                <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                  {t('profile.edit')}
                </button>
              )
            ) : (
              <FollowButton userId={data.userId} isPrivate={data.private} onCountChange={moveFollowers} />
            )}
          </div>
        </div>
      </section>
      {own && editing && (
        <ProfileEditForm
          profile={data}
          onSaved={(saved) => {
            profile.setData(() => saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {own && <FollowRequests onAccepted={() => moveFollowers(1)} />}
      <nav className="tabs" aria-label={t('profile.tabs')}>
        <NavLink to={base} end>
          {t('profile.posts')}
        </NavLink>
        <NavLink to={`${base}/followers`}>{t('profile.followers')}</NavLink>
        <NavLink to={`${base}/following`}>{t('profile.following')}</NavLink>
      </nav>
      <section aria-label={t(`profile.${tab}`)}>
        {tab === 'posts' ? (
          // A saved profile (a new display name) reads its posts again.
          <ProfilePosts key={data.version} userId={data.userId} />
        ) : (
          <RelatedUsers key={tab} userId={data.userId} tab={tab} />
        )}
      </section>
    </div>
  );
}
