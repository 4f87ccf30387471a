import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../ui/page';
import { VerifyForm } from './VerifyForm';
import './auth.css';

/** `/verify?email=…&code=…`: the code typed in, or confirmed at once when the link carries it. */
export function VerifyPage(): ReactNode {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  return (
    <section className="auth-card card">
      <PageHeading title={t('verify.title')} />
      <VerifyForm email={params.get('email') ?? undefined} code={params.get('code') ?? undefined} />
    </section>
  );
}
