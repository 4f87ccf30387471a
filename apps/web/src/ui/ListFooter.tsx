import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from './ProblemMessage';
import type { PagedList } from './use-paged-list';

/** Under a paged list: its problem, "nothing here", and the "load more" button while pages remain. */
export function ListFooter<T>({ list }: { readonly list: PagedList<T> }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="list-footer">
      <ProblemMessage problem={list.problem} />
      {!list.loading && !list.problem && list.items.length === 0 && (
        <p className="muted">{t('state.empty')}</p>
      )}
      {list.hasMore && (
        <button
          type="button"
          className="button button--secondary"
          onClick={list.loadMore}
          disabled={list.loading}
        >
          {list.loading ? t('state.loading') : t('state.loadMore')}
        </button>
      )}
    </div>
  );
}

/** "N found" or "more than N found" when the total is the list engine's cap. */
export function TotalLine({
  total,
  exact,
}: {
  readonly total: number | undefined;
  readonly exact: boolean;
}): ReactNode {
  const { t } = useTranslation();
  if (total === undefined) {
    return null;
  }
  return (
    <p className="muted" aria-live="polite">
      {exact ? t('total.exact', { count: total }) : t('total.atLeast', { count: total })}
    </p>
  );
}
