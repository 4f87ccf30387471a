import type { Profile } from 'passport';

/** Identity providers users may sign in with (seed 002: Google and Yandex). */
export const OAUTH_PROVIDERS = ['google', 'yandex'] as const;
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number];

/** What Agora keeps of a provider's answer about the person signing in. */
export interface ProviderProfile {
  readonly provider: OAuthProviderName;
  /** The provider's stable id of the person (OpenID `sub`, Yandex `id`). */
  readonly subject: string;
  /** Lower-cased; null when the provider shared none. */
  readonly email: string | null;
  /** The provider vouches that the address belongs to this person. */
  readonly emailVerified: boolean;
  /** A starting point for the login of an account created from this profile. */
  readonly loginHint: string;
  /** The person's name at the provider, for a new profile. */
  readonly displayName: string | null;
  /** The provider's picture of the person: an https URL only, else null. */
  readonly avatarUrl: string | null;
}

/** An e-mail of a passport profile, with the `verified` flag Google's OpenID profile adds. */
interface ProfileEmail {
  readonly value: string;
  readonly verified?: boolean | string;
}

/**
 * Google marks each address with OpenID's `email_verified`. Yandex ID returns the account's
 * `default_email`, an address Yandex has confirmed (its own mailbox or a confirmed external one), and has
 * no flag for it.
 */
function isEmailVerified(provider: OAuthProviderName, email: ProfileEmail): boolean {
  return provider === 'yandex' || email.verified === true || email.verified === 'true';
}

/** A name as a profile may show it: trimmed, without control characters, at most 100 characters. */
function cleanName(name: string | undefined): string | null {
  const cleaned = [...(name ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim()].slice(0, 100).join('');
  return cleaned.length > 0 ? cleaned : null;
}

/** Only an absolute https URL of sane length is kept (never http, data: or javascript:). */
function httpsUrl(value: string | undefined): string | null {
  if (!value || value.length > 2048) {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 ? url.toString() : null;
  } catch {
    return null;
  }
}

export function toProviderProfile(provider: OAuthProviderName, profile: Profile): ProviderProfile {
  const emails: readonly ProfileEmail[] = profile.emails ?? [];
  const email = emails.find((candidate) => candidate.value) ?? null;
  const address = email ? email.value.trim().toLowerCase() : null;
  return {
    provider,
    subject: String(profile.id),
    email: address,
    emailVerified: email !== null && isEmailVerified(provider, email),
    loginHint: profile.username ?? address?.split('@')[0] ?? profile.displayName ?? provider,
    displayName: cleanName(profile.displayName),
    avatarUrl: httpsUrl(profile.photos?.[0]?.value),
  };
}
