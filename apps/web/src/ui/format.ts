import type { Schemas } from '@agora/client';
import { currentLanguage } from '../i18n/i18n';

export type Money = Schemas['MoneyDto'];

/** A price as the UI's language writes it ("12 500,00 ₽", "$12.50"); the bare amount if the currency is unknown. */
export function formatPrice(amount: string, currency: string): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatMoney(money: Money): string {
  return formatPrice(money.amount, money.currency);
}

/** A date and time in the UI's language. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** A moment in the UI's language: the time for today, the date and time otherwise. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(
    currentLanguage(),
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
}
