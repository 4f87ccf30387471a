import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../api/session';
import { Skeleton } from './BlurhashImage';

/** Sets the tab's title to "<title> · Agora". */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('appName')}` : t('appName');
  }, [title, t]);
}

/** A page's heading and title; every page has exactly one h1. */
export function PageHeading({
  title,
  children,
}: {
  readonly title: string;
  readonly children?: ReactNode;
}): ReactNode {
  usePageTitle(title);
  return (
    <header className="page-heading">
      <h1>{title}</h1>
      {children}
    </header>
  );
}

/** Renders `children` for a signed-in account; a link to sign in (and back here) otherwise. */
export function RequireSignIn({ children }: { readonly children: ReactNode }): ReactNode {
  const { account } = useSession();
  const { t } = useTranslation();
  if (account === undefined) {
    return <Skeleton />;
  }
  if (account === null) {
    const back = encodeURIComponent(location.pathname + location.search);
    return (
      <section className="card">
        <h1>{t('nav.signIn')}</h1>
        <p>{t('state.signInRequired')}</p>
        <Link className="button" to={`/sign-in?next=${back}`}>
          {t('nav.signIn')}
        </Link>
      </section>
    );
  }
  return children;
}
