import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/page';

/** Home: before sign-in what Agora is and new items; after sign-in the feed as well. */
export function HomePage(): ReactNode {
  const { t } = useTranslation('home');
  return <PageHeading title={t('title')} />;
}
