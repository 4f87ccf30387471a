import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading } from '../../ui/page';
import { formProblem } from './form-problem';
import './auth.css';

/** Password recovery: the e-mail → a mailed token (POST /password/recovery) → token + new password (reset). */
export function RecoverPage(): ReactNode {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [token, setToken] = useState(params.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'request' | 'reset' | 'done'>(params.get('token') ? 'reset' : 'request');
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  const request = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST('/password/recovery', { body: { email: email.trim() } });
    setBusy(false);
    setProblem(error === undefined ? undefined : asProblem(error));
    if (error === undefined) {
      setSent(true);
      setStep('reset');
    }
  };

  const reset = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST('/password/reset', { body: { token: token.trim(), password } });
    setBusy(false);
    setProblem(error === undefined ? undefined : asProblem(error));
    if (error === undefined) {
      setStep('done');
    }
  };

  return (
    <section className="auth-card card">
      <PageHeading title={t('recover.title')} />
      {step === 'request' && (
        <form onSubmit={(event) => void request(event)} noValidate>
          <p>{t('recover.requestIntro')}</p>
          <TextField
            label={t('recover.email')}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
          />
          <ProblemMessage problem={formProblem(problem, ['email'])} />
          <div className="row auth-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('recover.requesting') : t('recover.request')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setProblem(undefined);
                setStep('reset');
              }}
            >
              {t('recover.haveToken')}
            </button>
          </div>
        </form>
      )}
      {step === 'reset' && (
        <form onSubmit={(event) => void reset(event)} noValidate>
          {sent && (
            <p className="notice" role="status">
              {t('recover.sent')}
            </p>
          )}
          <TextField
            label={t('recover.token')}
            name="token"
            autoComplete="one-time-code"
            required
            value={token}
            onChange={(event) => setToken(event.target.value)}
            error={errors.token ?? (problem?.code === 'INVALID_RESET_TOKEN' ? problem.detail : undefined)}
          />
          <TextField
            label={t('recover.password')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={t('recover.passwordHint')}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password ?? (problem?.code === 'WEAK_PASSWORD' ? problem.detail : undefined)}
          />
          <ProblemMessage
            problem={
              problem?.code === 'INVALID_RESET_TOKEN' || problem?.code === 'WEAK_PASSWORD'
                ? undefined
                : formProblem(problem, ['token', 'password'])
            }
          />
          <div className="row auth-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('recover.resetting') : t('recover.reset')}
            </button>
          </div>
        </form>
      )}
      {step === 'done' && (
        <div className="stack">
          <p className="notice" role="status">
            {t('recover.done')}
          </p>
          <p>
            <Link className="button" to="/sign-in">
              {t('recover.signIn')}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}
