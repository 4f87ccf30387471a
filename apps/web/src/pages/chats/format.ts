import { currentLanguage } from '../../i18n/i18n';

/** A moment in the UI's language: the time for today, the date and time otherwise. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(
    currentLanguage(),
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
}
