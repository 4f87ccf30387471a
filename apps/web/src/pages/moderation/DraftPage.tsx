import type { Schemas } from '@agora/client';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { Skeleton } from '../../ui/BlurhashImage';
import { TextAreaField } from '../../ui/Field';
import { PageHeading } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { formatWhen } from '../../ui/format';
import { useDisplayNames } from '../../ui/use-display-names';
import { proposedName, RequireStaff } from './staff';
import './moderation.css';

type Draft = Schemas['DraftDetailDto'];
type FieldDiff = Schemas['DraftFieldDiffDto'];

const ITEM_PATHS: Partial<Record<Draft['subject'], string>> = {
  coffee: '/coffees',
  watch: '/watches',
  mechanism: '/mechanisms',
};

type DictionaryKind = Schemas['DictionaryValueDto']['kind'];

/** Fields that hold dictionary values by id: the diff shows their names. */
const REFERENCE_FIELDS: Record<string, DictionaryKind> = {
  roasterId: 'roasters',
  farmerId: 'farmers',
  originId: 'origins',
  processId: 'processes',
  brandId: 'brands',
  factoryId: 'factories',
  caseMaterialId: 'case-materials',
  genderId: 'genders',
  mechanismTypeId: 'mechanism-types',
  functionIds: 'functions',
  tagIds: 'tags',
};

function idsIn(value: FieldDiff['proposed']): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

/**
 * The names of the dictionary values the diff refers to, by id. A pending value only its author may read
 * stays an id.
 */
function useReferenceNames(changes: readonly FieldDiff[] | undefined): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = (changes ?? []).flatMap((change) => {
    const kind = REFERENCE_FIELDS[change.field];
    return kind ? [...idsIn(change.current), ...idsIn(change.proposed)].map((id) => `${kind}/${id}`) : [];
  });
  const key = [...new Set(wanted)].sort().join(',');
  useEffect(() => {
    let active = true;
    const refs = key === '' ? [] : key.split(',');
    void Promise.all(
      refs.map(async (ref) => {
        const [kind, id] = ref.split('/') as [DictionaryKind, string];
        const { data } = await api.GET('/dictionaries/{kind}/{id}', { params: { path: { kind, id } } });
        return [id, data?.name] as const;
      }),
    ).then((found) => {
      if (active) {
        setNames(new Map(found.filter((entry): entry is readonly [string, string] => Boolean(entry[1]))));
      }
    });
    return () => {
      active = false;
    };
  }, [key]);
  return names;
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

/** A field's value as text: lists joined, objects as JSON, nothing as a dash. */
function FieldValue({
  value,
  names,
}: {
  readonly value: FieldDiff['proposed'];
  readonly names: ReadonlyMap<string, string>;
}): ReactNode {
  const { t } = useTranslation('moderation');
  if (value === null || value === undefined || value === '') {
    return <span className="muted">{t('draft.empty')}</span>;
  }
  if (typeof value === 'boolean') {
    return value ? t('draft.yes') : t('draft.no');
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? (
      <span className="muted">{t('draft.empty')}</span>
    ) : (
      value
        .map((each) => (typeof each === 'string' ? (names.get(each) ?? each) : JSON.stringify(each)))
        .join(', ')
    );
  }
  if (typeof value === 'object') {
    return <code>{JSON.stringify(value)}</code>;
  }
  return typeof value === 'string' ? (names.get(value) ?? value) : String(value);
}

/** The proposal beside the item as it is now, one row per field; changed rows say so in words and style. */
function DiffTable({ changes }: { readonly changes: readonly FieldDiff[] }): ReactNode {
  const { t } = useTranslation('moderation');
  const names = useReferenceNames(changes);
  if (changes.length === 0) {
    return <p>{t('draft.noChanges')}</p>;
  }
  return (
    <div className="diff-scroll" tabIndex={0} role="region" aria-labelledby="draft-diff">
      <table className="diff">
        <caption id="draft-diff">{t('draft.diff')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('draft.field')}</th>
            <th scope="col">{t('draft.current')}</th>
            <th scope="col">{t('draft.proposed')}</th>
            <th scope="col">{t('draft.change')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => {
            const changed = !same(change.current, change.proposed);
            return (
              <tr
                key={change.field}
                className={[
                  'diff__row',
                  changed && 'diff__row--changed',
                  change.conflict && 'diff__row--conflict',
                ]
                  .filter(Boolean)
                  .join(' ')}
              >
                <th scope="row">
                  <code>{change.field}</code>
                </th>
                <td>
                  <FieldValue value={change.current} names={names} />
                </td>
                <td className={changed ? 'diff__proposed' : undefined}>
                  <FieldValue value={change.proposed} names={names} />
                </td>
                <td>
                  <span className={changed ? 'diff__mark diff__mark--changed' : 'diff__mark'}>
                    {changed ? t('draft.changed') : t('draft.unchanged')}
                  </span>
                  {change.conflict && (
                    <span className="diff__mark diff__mark--conflict">{t('draft.conflicted')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Approve (with an optional message, over a conflict when the moderator says so) or reject with a message. */
function Decision({
  draft,
  onDecided,
}: {
  readonly draft: Draft;
  readonly onDecided: (draft: Draft) => void;
}): ReactNode {
  const { t } = useTranslation('moderation');
  const [approveMessage, setApproveMessage] = useState('');
  const [override, setOverride] = useState(false);
  const [rejectMessage, setRejectMessage] = useState('');
  const [returnForChanges, setReturnForChanges] = useState(false);
  const [busy, setBusy] = useState(false);
  const [approveProblem, setApproveProblem] = useState<Problem | undefined>(undefined);
  const [rejectProblem, setRejectProblem] = useState<Problem | undefined>(undefined);
  const path = { id: draft.id };

  const approve = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const message = approveMessage.trim();
    const { data, error } = await api.POST('/drafts/{id}/approve', {
      params: { path },
      body: { ...(message ? { message } : {}), ...(override ? { overrideConflict: true } : {}) },
    });
    setBusy(false);
    if (data) {
      onDecided(data);
    } else {
      setApproveProblem(asProblem(error));
    }
  };

  const reject = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/drafts/{id}/reject', {
      params: { path },
      body: { message: rejectMessage, returnForChanges },
    });
    setBusy(false);
    if (data) {
      onDecided(data);
    } else {
      setRejectProblem(asProblem(error));
    }
  };

  const approveErrors = fieldErrors(approveProblem);
  const rejectErrors = fieldErrors(rejectProblem);
  return (
    <section aria-labelledby="draft-decision" className="decision">
      <h2 id="draft-decision">{t('draft.decide')}</h2>
      <div className="decision__forms">
        <form className="card" onSubmit={(event) => void approve(event)} aria-labelledby="draft-approve">
          <h3 id="draft-approve">{t('draft.approveHeading')}</h3>
          <TextAreaField
            label={t('draft.approveMessage')}
            value={approveMessage}
            onChange={(event) => setApproveMessage(event.target.value)}
            error={approveErrors.message}
            rows={2}
          />
          {(draft.conflict || approveProblem?.code === 'DRAFT_CONFLICT') && (
            <label className="row">
              <input
                type="checkbox"
                checked={override}
                onChange={(event) => setOverride(event.target.checked)}
              />
              {t('draft.override')}
            </label>
          )}
          {approveProblem && !approveErrors.message && <ProblemMessage problem={approveProblem} />}
          <button type="submit" className="button" disabled={busy}>
            {t('draft.approve')}
          </button>
        </form>
        <form className="card" onSubmit={(event) => void reject(event)} aria-labelledby="draft-reject">
          <h3 id="draft-reject">{t('draft.rejectHeading')}</h3>
          <TextAreaField
            label={t('draft.rejectMessage')}
            value={rejectMessage}
            onChange={(event) => setRejectMessage(event.target.value)}
            error={rejectErrors.message}
            rows={2}
            required
          />
          <label className="row">
            <input
              type="checkbox"
              checked={returnForChanges}
              onChange={(event) => setReturnForChanges(event.target.checked)}
            />
            {t('draft.returnForChanges')}
          </label>
          {rejectProblem && !rejectErrors.message && <ProblemMessage problem={rejectProblem} />}
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t('draft.reject')}
          </button>
        </form>
      </div>
    </section>
  );
}

function DraftReview({ draftId }: { readonly draftId: string }): ReactNode {
  const { t } = useTranslation('moderation');
  const draft = useQuery<Draft>(`draft:${draftId}`, () =>
    api.GET('/drafts/{id}', { params: { path: { id: draftId } } }),
  );
  const [decided, setDecided] = useState(false);
  const names = useDisplayNames(draft.data ? [draft.data.authorId] : []);

  if (draft.loading && !draft.data) {
    return <Skeleton lines={6} />;
  }
  if (!draft.data) {
    return (
      <>
        <PageHeading title={t('title')} />
        <ProblemMessage problem={draft.problem} />
        <Link to="/moderation">{t('draft.back')}</Link>
      </>
    );
  }
  const current = draft.data;
  const name = proposedName(current.payload) ?? '';
  const status = t(`status.${current.status}`);
  const itemPath = ITEM_PATHS[current.subject];
  return (
    <>
      <PageHeading title={t('draft.title', { subject: t(`subject.${current.subject}`), name })}>
        <Link to="/moderation">{t('draft.back')}</Link>
      </PageHeading>
      <div className="card draft-summary">
        <p className="draft-status">{t('draft.state', { status })}</p>
        <p className="muted">
          {t('queue.by', {
            name: names.get(current.authorId) ?? t('queue.someone'),
            when: formatWhen(current.createdAt),
          })}
        </p>
        {current.baseVersion !== null && current.currentVersion !== null && (
          <p>{t('draft.baseVersion', { base: current.baseVersion, current: current.currentVersion })}</p>
        )}
        {current.conflict && (
          <p className="problem" role="alert">
            {t('draft.conflict')}
          </p>
        )}
        {current.message && <p>{t('draft.reviewerMessage', { message: current.message })}</p>}
        {current.targetId && itemPath && current.status !== 'pending' && (
          <p>
            <Link to={`${itemPath}/${current.targetId}`}>{t('draft.target')}</Link>
          </p>
        )}
      </div>
      {decided && (
        <p className="notice" role="status">
          {t('draft.decided', { status })}
        </p>
      )}
      <DiffTable changes={current.changes} />
      {current.status === 'pending' && (
        <Decision
          draft={current}
          onDecided={(answer) => {
            draft.setData(() => answer);
            setDecided(true);
          }}
        />
      )}
    </>
  );
}

/** `/moderation/:draftId`: a proposal's field-by-field diff and the moderator's decision. */
export function DraftPage(): ReactNode {
  const { draftId = '' } = useParams();
  return (
    <RequireStaff>
      <DraftReview key={draftId} draftId={draftId} />
    </RequireStaff>
  );
}
