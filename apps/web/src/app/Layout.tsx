import {
  Suspense,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { isStaff, useSession } from '../api/session';
import { changeLanguage, currentLanguage } from '../i18n/i18n';
import { LANGUAGES, type UiLanguage } from '../i18n/resources';
import { Skeleton } from '../ui/BlurhashImage';
import { useUnreadNotifications } from './use-unread-notifications';

function LanguageSwitch(): ReactNode {
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={currentLanguage()}
        onChange={(event) => void changeLanguage(event.target.value as UiLanguage)}
        aria-label={t('language.label')}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function AccountLinks(): ReactNode {
  const { t } = useTranslation();
  const { account, signOut } = useSession();
  const navigate = useNavigate();
  const unread = useUnreadNotifications(Boolean(account));
  if (account === undefined) {
    return null;
  }
  if (account === null) {
    return (
      <>
        <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
        <NavLink to="/register">{t('nav.register')}</NavLink>
      </>
    );
  }
  return (
    <>
      <NavLink to="/chats">{t('nav.chats')}</NavLink>
      <NavLink to="/notifications">
        {t('nav.notifications')}
        {unread > 0 && (
          <>
            {' '}
            <span className="badge" data-testid="unread-count">
              {unread}
            </span>
            <span className="visually-hidden"> {t('nav.unread')}</span>
          </>
        )}
      </NavLink>
      <NavLink to="/cart">{t('nav.cart')}</NavLink>
      <NavLink to="/orders">{t('nav.orders')}</NavLink>
      {isStaff(account) && <NavLink to="/moderation">{t('nav.moderation')}</NavLink>}
      <NavLink to={`/profiles/${account.id}`}>{t('nav.profile')}</NavLink>
      <button type="button" className="link-button" onClick={() => void signOut().then(() => navigate('/'))}>
        {t('nav.signOut')}
      </button>
    </>
  );
}

/**
 * The phone's menu: the button opens it and focus moves to its first link; Escape closes it and focus returns to
 * the button; following a link closes it.
 */
function useMenu(): {
  readonly open: boolean;
  readonly toggle: () => void;
  readonly close: () => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  readonly button: RefObject<HTMLButtonElement | null>;
  readonly nav: RefObject<HTMLElement | null>;
} {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) {
      nav.current?.querySelector<HTMLElement>('a, button')?.focus();
    }
  }, [open]);
  const onKeyDown = (event: KeyboardEvent): void => {
    if (open && event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };
  return { open, toggle: () => setOpen((was) => !was), close: () => setOpen(false), onKeyDown, button, nav };
}

/**
 * After a link leads to another page, focus moves to the page's main region (a screen reader reads the new page,
 * Tab continues in it, and a link of the closed phone menu does not leave focus nowhere). A new query string on
 * the same page (a search, a filter) keeps focus where it is.
 */
function useFocusMainOnNavigation(): RefObject<HTMLElement | null> {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current !== pathname) {
      shown.current = pathname;
      main.current?.focus({ preventScroll: true });
    }
  }, [pathname]);
  return main;
}

/** The page frame: skip link, header with navigation, the routed page, and a bar while a route loads. */
export function Layout(): ReactNode {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const menu = useMenu();
  const main = useFocusMainOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header" onKeyDown={menu.onKeyDown}>
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        <button
          ref={menu.button}
          type="button"
          className="menu-toggle button button--secondary"
          aria-expanded={menu.open}
          aria-controls="site-nav"
          onClick={menu.toggle}
        >
          {t('nav.menu')}
        </button>
        <nav
          ref={menu.nav}
          id="site-nav"
          aria-label={t('nav.main')}
          className={menu.open ? 'site-nav site-nav--open' : 'site-nav'}
          onClick={menu.close}
        >
          <NavLink to="/coffees">{t('nav.coffees')}</NavLink>
          <NavLink to="/watches">{t('nav.watches')}</NavLink>
          <NavLink to="/mechanisms">{t('nav.mechanisms')}</NavLink>
          <NavLink to="/listings">{t('nav.market')}</NavLink>
          <AccountLinks />
        </nav>
        <LanguageSwitch />
      </header>
      {navigation.state === 'loading' && (
        <div className="route-progress" role="progressbar" aria-label={t('state.loading')} />
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Skeleton />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Any path the app does not know. */
export function NotFoundPage(): ReactNode {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h1>{t('state.notFound')}</h1>
      <Link to="/">{t('state.backHome')}</Link>
    </section>
  );
}
