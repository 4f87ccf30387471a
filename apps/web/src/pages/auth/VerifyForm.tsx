import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { formProblem } from './form-problem';

interface VerifyFormProps {
  /** The address registered just now or named by the mail's link; asked for when absent. */
  readonly email?: string | undefined;
  /** The code from the mail's link: submitted at once. */
  readonly code?: string | undefined;
}

/** The mailed six-digit code → POST /verification; a new code by POST /verification/resend. */
export function VerifyForm({ email: givenEmail, code: givenCode }: VerifyFormProps): ReactNode {
  const { t } = useTranslation('auth');
  const [email, setEmail] = useState(givenEmail ?? '');
  const [code, setCode] = useState(givenCode ?? '');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [verified, setVerified] = useState(false);
  const [resent, setResent] = useState(false);
  const [resendProblem, setResendProblem] = useState<Problem | undefined>(undefined);
  const autoSubmitted = useRef(false);
  const errors = fieldErrors(problem);

  const verify = async (): Promise<void> => {
    setBusy(true);
    const { data, error } = await api.POST('/verification', {
      body: { email: email.trim(), code: code.trim() },
    });
    setBusy(false);
    setProblem(error === undefined ? undefined : asProblem(error));
    setVerified(Boolean(data?.verified));
  };

  useEffect(() => {
    // The mail's link carries both: confirm without a click.
    if (givenEmail && givenCode && !autoSubmitted.current) {
      autoSubmitted.current = true;
      void verify();
    }
    // Only the link's values matter here, once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [givenEmail, givenCode]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void verify();
  };

  const resend = async (): Promise<void> => {
    setResent(false);
    const { error } = await api.POST('/verification/resend', { body: { email: email.trim() } });
    setResendProblem(error === undefined ? undefined : asProblem(error));
    setResent(error === undefined);
  };

  if (verified) {
    return (
      <div className="stack">
        <p className="notice" role="status">
          {t('verify.done')}
        </p>
        <p>
          <Link className="button" to={`/sign-in`}>
            {t('verify.signIn')}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{givenEmail ? t('verify.intro', { email: givenEmail }) : t('verify.introNoEmail')}</p>
      {!givenEmail && (
        <TextField
          label={t('verify.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
      )}
      <TextField
        label={t('verify.code')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        error={errors.code}
      />
      <ProblemMessage problem={formProblem(problem, ['email', 'code'])} />
      <div className="row auth-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('verify.submitting') : t('verify.submit')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void resend()}
          disabled={email.trim() === ''}
        >
          {t('verify.resend')}
        </button>
      </div>
      {resent && (
        <p className="notice" role="status">
          {t('verify.resent')}
        </p>
      )}
      <ProblemMessage problem={resendProblem} />
    </form>
  );
}
