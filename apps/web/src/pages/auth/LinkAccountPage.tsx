import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { disconnectSocket } from '../../api/socket';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading } from '../../ui/page';
import { formProblem } from './form-problem';
import { en } from './messages';
import { safeNext } from './safe-next';
import './auth.css';

type Provider = keyof typeof en.providers;

function isProvider(value: string | null): value is Provider {
  return value !== null && Object.keys(en.providers).includes(value);
}

/**
 * `/sign-in/link?provider=&token=`: a Google or Yandex sign-in whose address has an Agora account already
 * (ACCOUNT_LINK_REQUIRED). The account's password links the two (POST /auth/link, cookie session), then the
 * page goes on to `?next=`.
 */
export function LinkAccountPage(): ReactNode {
  const { t } = useTranslation('auth');
  const { reload } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const provider = params.get('provider');
  const next = safeNext(params.get('next'));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST('/auth/link', {
      body: { linkToken: params.get('token') ?? '', password, transport: 'cookie' },
    });
    setBusy(false);
    setProblem(error === undefined ? undefined : asProblem(error));
    if (error === undefined) {
      disconnectSocket();
      await reload();
      await navigate(next, { replace: true });
    }
  };

  return (
    <section className="auth-card card">
      <PageHeading title={t('link.title')} />
      <p>{t('link.intro', { provider: t(`providers.${isProvider(provider) ? provider : 'google'}`) })}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('link.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <ProblemMessage problem={formProblem(problem, ['password'])} />
        <div className="row auth-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('link.submitting') : t('link.submit')}
          </button>
          <Link to="/recover">{t('link.forgot')}</Link>
        </div>
      </form>
      {problem?.code === 'INVALID_LINK_TOKEN' && (
        <p>
          <Link to="/sign-in">{t('link.restart')}</Link>
        </p>
      )}
    </section>
  );
}
