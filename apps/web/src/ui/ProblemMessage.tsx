import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';

/** A problem for the whole form or page, in the UI's language (the API translates `detail`), announced. */
export function ProblemMessage({ problem }: { readonly problem: Problem | undefined }): ReactNode {
  const { t } = useTranslation();
  if (!problem) {
    return null;
  }
  const detail = problem.code === 'NETWORK_ERROR' ? t('state.offline') : (problem.detail ?? problem.title);
  return (
    <p className="problem" role="alert" data-code={problem.code}>
      {detail}
    </p>
  );
}
