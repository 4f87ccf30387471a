import type { Schemas } from '@agora/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { PageHeading } from '../../ui/page';
import { formProblem } from './form-problem';
import { VerifyForm } from './VerifyForm';
import './auth.css';

type Registration = Schemas['RegistrationDto'];

/** E-mail, login and password → POST /registration, then the mailed six-digit code on the same page. */
export function RegisterPage(): ReactNode {
  const { t } = useTranslation('auth');
  const [form, setForm] = useState<Registration>({ email: '', login: '', password: '' });
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<Schemas['RegisteredUserDto'] | undefined>(undefined);
  const errors = fieldErrors(problem);

  const set =
    (field: keyof Registration) =>
    (event: { target: { value: string } }): void =>
      setForm((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/registration', {
      body: { email: form.email.trim(), login: form.login.trim(), password: form.password },
    });
    setBusy(false);
    setProblem(error === undefined ? undefined : asProblem(error));
    setRegistered(data);
  };

  if (registered) {
    return (
      <section className="auth-card card">
        <PageHeading title={t('verify.title')} />
        <VerifyForm email={registered.email} />
      </section>
    );
  }

  // EMAIL_TAKEN / LOGIN_TAKEN / WEAK_PASSWORD name no field: shown next to the one they are about.
  const byCode: Record<string, string | undefined> = {
    email: problem?.code === 'EMAIL_TAKEN' ? problem.detail : undefined,
    login: problem?.code === 'LOGIN_TAKEN' ? problem.detail : undefined,
    password: problem?.code === 'WEAK_PASSWORD' ? problem.detail : undefined,
  };
  const shownByCode = ['EMAIL_TAKEN', 'LOGIN_TAKEN', 'WEAK_PASSWORD'].includes(problem?.code ?? '');
  return (
    <section className="auth-card card">
      <PageHeading title={t('register.title')} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('register.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={errors.email ?? byCode.email}
        />
        <TextField
          label={t('register.login')}
          name="login"
          autoComplete="username"
          required
          hint={t('register.loginHint')}
          value={form.login}
          onChange={set('login')}
          error={errors.login ?? byCode.login}
        />
        <TextField
          label={t('register.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t('register.passwordHint')}
          value={form.password}
          onChange={set('password')}
          error={errors.password ?? byCode.password}
        />
        <ProblemMessage
          problem={shownByCode ? undefined : formProblem(problem, ['email', 'login', 'password'])}
        />
        <div className="row auth-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('register.submitting') : t('register.submit')}
          </button>
        </div>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/sign-in">{t('register.signIn')}</Link>
      </p>
    </section>
  );
}
