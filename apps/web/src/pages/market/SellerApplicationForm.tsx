import type { Schemas } from '@agora/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { TextAreaField, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Application = Schemas['ApplyForSellerDto'];

/** `POST /sellers/applications`: a user asks for the seller role; an admin decides. */
export function SellerApplicationForm(): ReactNode {
  const { t } = useTranslation('market');
  const [form, setForm] = useState<Application>({ shopName: '', description: '', contactEmail: '' });
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [sent, setSent] = useState<Schemas['SellerApplicationDto'] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const body: Application = {
      shopName: form.shopName,
      description: form.description,
      contactEmail: form.contactEmail,
      ...(form.contactPhone ? { contactPhone: form.contactPhone } : {}),
      ...(form.website ? { website: form.website } : {}),
    };
    const { data, error } = await api.POST('/sellers/applications', { body });
    setBusy(false);
    if (data) {
      setSent(data);
      setProblem(undefined);
    } else {
      setProblem(asProblem(error));
    }
  };

  if (sent) {
    return <p role="status">{t('form.applied', { status: sent.status })}</p>;
  }
  const set =
    (key: keyof Application) =>
    (event: { target: { value: string } }): void =>
      setForm((current) => ({ ...current, [key]: event.target.value }));
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemMessage problem={problem} />
      <TextField
        label={t('form.shopName')}
        value={form.shopName}
        required
        error={errors['shopName']}
        onChange={set('shopName')}
      />
      <TextAreaField
        label={t('form.shopDescription')}
        value={form.description}
        required
        error={errors['description']}
        onChange={set('description')}
      />
      <TextField
        label={t('form.contactEmail')}
        type="email"
        value={form.contactEmail}
        required
        error={errors['contactEmail']}
        onChange={set('contactEmail')}
      />
      <TextField
        label={t('form.contactPhone')}
        type="tel"
        value={form.contactPhone ?? ''}
        error={errors['contactPhone']}
        onChange={set('contactPhone')}
      />
      <TextField
        label={t('form.website')}
        type="url"
        value={form.website ?? ''}
        error={errors['website']}
        onChange={set('website')}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('form.apply')}
      </button>
    </form>
  );
}
