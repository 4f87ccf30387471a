import type { Schemas } from '@agora/client';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { asProblem, type Problem } from '../../api/problem';
import type { Account } from '../../api/session';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Chat = Schemas['ChatDto'];

/** The other people of a chat, as the caller sees it. */
export function otherMemberIds(chat: Chat, me: string): string[] {
  const ids = new Set<string>((chat.members ?? []).map((member) => member.userId));
  if (chat.customerId) {
    ids.add(chat.customerId);
  }
  if (chat.assigneeId) {
    ids.add(chat.assigneeId);
  }
  ids.delete(me);
  return [...ids];
}

/** "Chat with anna", "Support", "Support: anna" (staff), "Discussion of an item". */
export function useChatTitle(): (chat: Chat, me: string, names: ReadonlyMap<string, string>) => string {
  const { t } = useTranslation('chats');
  return useCallback(
    (chat, me, names) => {
      const name = (id: string | null | undefined): string => (id && names.get(id)) || t('list.someone');
      if (chat.kind === 'support') {
        return chat.customerId === me
          ? t('list.support')
          : t('list.supportOf', { name: name(chat.customerId) });
      }
      if (chat.kind === 'item') {
        return t('list.room');
      }
      return t('list.direct', { name: name(otherMemberIds(chat, me)[0]) });
    },
    [t],
  );
}

/**
 * Staff take a support room (one of several takers wins: 409 SUPPORT_ALREADY_ASSIGNED for the others) or
 * release the one they hold.
 */
export function AssignmentButton({
  chat,
  account,
  onChanged,
}: {
  readonly chat: Chat;
  readonly account: Account;
  readonly onChanged: (chat: Chat) => void;
}): ReactNode {
  const { t } = useTranslation('chats');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const mine = chat.assigneeId === account.id;
  if (chat.assigneeId && !mine) {
    return null;
  }
  const change = async (): Promise<void> => {
    setBusy(true);
    const params = { params: { path: { chatId: chat.id } } };
    const { data, error } = mine
      ? await api.DELETE('/support/{chatId}/assignment', params)
      : await api.PUT('/support/{chatId}/assignment', params);
    setBusy(false);
    if (data) {
      setProblem(undefined);
      onChanged(data);
    } else {
      setProblem(asProblem(error));
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void change()}
        disabled={busy}
      >
        {mine ? t('queue.release') : t('queue.take')}
      </button>
      <ProblemMessage problem={problem} />
    </>
  );
}
