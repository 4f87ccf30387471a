import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaff, useSession } from '../../api/session';
import { PageHeading, RequireSignIn } from '../../ui/page';

/** Moderators and admins see `children`; anyone else signed in a 403-like message, the signed-out a sign-in link. */
export function RequireStaff({ children }: { readonly children: ReactNode }): ReactNode {
  const { t } = useTranslation('moderation');
  const { account } = useSession();
  return (
    <RequireSignIn>
      {isStaff(account) ? (
        children
      ) : (
        <>
          <PageHeading title={t('title')} />
          <p className="problem" role="alert" data-code="FORBIDDEN">
            {t('staffOnly')}
          </p>
        </>
      )}
    </RequireSignIn>
  );
}

/** The name a draft proposes, when its payload has one. */
export function proposedName(payload: Record<string, unknown>): string | undefined {
  const name = payload.name ?? payload.code ?? payload.title;
  return typeof name === 'string' && name ? name : undefined;
}
