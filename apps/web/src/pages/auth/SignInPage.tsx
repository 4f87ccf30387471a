import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { API_BASE_URL } from '../../api/client';
import type { Problem } from '../../api/problem';
import { fieldErrors } from '../../api/problem';
import { useSession } from '../../api/session';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading } from '../../ui/page';
import { formProblem } from './form-problem';
import { en } from './messages';
import { safeNext } from './safe-next';
import './auth.css';

/** The providers of README "Google and Yandex sign-in": the start route, with the session in cookies. */
const PROVIDERS = ['google', 'yandex'] as const;

/** A code `?oauth=` brings back from a provider sign-in that ended here, with its message (or `other`'s). */
type OAuthMessage = keyof typeof en.oauth;

function oauthMessage(code: string): OAuthMessage {
  return Object.keys(en.oauth).includes(code) ? (code as OAuthMessage) : 'other';
}

/** Sign-in with login or e-mail and password (cookie session), then back to `?next=`; Google and Yandex. */
export function SignInPage(): ReactNode {
  const { t } = useTranslation('auth');
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const next = safeNext(params.get('next'));
  const providerQuery = new URLSearchParams({ transport: 'cookie', ...(next === '/' ? {} : { next }) });
  const oauthCode = params.get('oauth');
  // A provider sign-in that came back refused: shown as the form shows problems, until the form's own.
  const oauthDetail = oauthCode === null ? '' : t(`oauth.${oauthMessage(oauthCode)}`);
  const refused: Problem | undefined =
    oauthCode === null
      ? undefined
      : { type: 'about:blank', title: oauthDetail, detail: oauthDetail, status: 0, code: oauthCode };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const failure = await signIn(login.trim(), password);
    setBusy(false);
    setProblem(failure);
    if (!failure) {
      await navigate(next, { replace: true });
    }
  };

  const unverified = problem?.code === 'EMAIL_NOT_VERIFIED';
  return (
    <section className="auth-card card">
      <PageHeading title={t('signIn.title')} />
      {!problem && <ProblemMessage problem={refused} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('signIn.login')}
          name="login"
          autoComplete="username"
          required
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={errors.login}
        />
        <TextField
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <ProblemMessage problem={formProblem(problem, ['login', 'password'])} />
        {unverified && (
          <p>
            <Link to={`/verify${login.includes('@') ? `?email=${encodeURIComponent(login.trim())}` : ''}`}>
              {t('signIn.verifyLink')}
            </Link>
          </p>
        )}
        <div className="row auth-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
          <Link to="/recover">{t('signIn.forgot')}</Link>
        </div>
      </form>
      <p className="auth-divider">
        <span>{t('signIn.or')}</span>
      </p>
      <ul className="auth-providers">
        {PROVIDERS.map((provider) => (
          <li key={provider}>
            <a
              className={`button button--secondary auth-provider auth-provider--${provider}`}
              href={`${API_BASE_URL}/auth/${provider}?${providerQuery.toString()}`}
            >
              {t(`signIn.${provider}`)}
            </a>
          </li>
        ))}
      </ul>
      <p>
        {t('signIn.noAccount')} <Link to="/register">{t('signIn.register')}</Link>
      </p>
    </section>
  );
}
