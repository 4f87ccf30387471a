import type { Schemas } from '@agora/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { SelectField } from '../../ui/Field';
import { ListFooter, TotalLine } from '../../ui/ListFooter';
import { PageHeading } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { formatWhen } from '../../ui/format';
import { useDisplayNames } from '../../ui/use-display-names';
import { proposedName, RequireStaff } from './staff';
import './moderation.css';

type Draft = Schemas['DraftDto'];
type Status = Draft['status'];

const STATUSES: readonly Status[] = ['pending', 'changes-requested', 'approved', 'rejected', 'withdrawn'];

function Queue(): ReactNode {
  const { t } = useTranslation('moderation');
  const [status, setStatus] = useState<Status>('pending');
  // Pending ones oldest first (the longest waiting on top); decided ones newest first.
  const list = usePagedList<Draft>(`drafts:${status}`, (cursor) =>
    api.GET('/drafts', {
      params: {
        query: {
          filter: { status: { eq: status } },
          sort: status === 'pending' ? 'createdAt' : '-updatedAt',
          limit: 20,
          cursor,
        },
      },
    }),
  );
  const names = useDisplayNames(list.items.map((draft) => draft.authorId));

  return (
    <>
      <PageHeading title={t('title')} />
      <div className="moderation-filters">
        <SelectField
          label={t('queue.status')}
          value={status}
          onChange={(event) => setStatus(event.target.value as Status)}
          options={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
      </div>
      <TotalLine total={list.total} exact={list.totalExact} />
      <ul className="draft-list">
        {list.items.map((draft) => {
          const name = proposedName(draft.payload) ?? t('queue.unnamed');
          return (
            <li key={draft.id} className="card draft-list__item">
              <Link to={`/moderation/${draft.id}`} className="draft-list__title">
                {t('queue.proposal', {
                  action: t(`action.${draft.action}`),
                  subject: t(`subject.${draft.subject}`),
                  name,
                })}
              </Link>
              <p className="muted">
                {t('queue.by', {
                  name: names.get(draft.authorId) ?? t('queue.someone'),
                  when: formatWhen(draft.createdAt),
                })}
              </p>
              <p className="draft-status">{t(`status.${draft.status}`)}</p>
            </li>
          );
        })}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

/** `/moderation`: the drafts waiting for a decision (or decided ones, by status), paged by keyset. */
export function ModerationQueuePage(): ReactNode {
  return (
    <RequireStaff>
      <Queue />
    </RequireStaff>
  );
}
