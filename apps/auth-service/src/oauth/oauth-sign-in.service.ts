import { AccessErrorCode, AccessException } from '@agora/auth';
import { API_PREFIX, Topics } from '@agora/contracts';
import { OutboxWriter, uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '@agora/database';
import { IdentitiesRepository } from './identities.repository.js';
import { IdentityLinkOffersRepository } from './identity-link-offers.repository.js';
import { AuthConfig } from '../auth.config.js';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import { AuthenticationService } from '../sessions/authentication.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { FlowContext } from './oauth-flow-store.js';
import type { OAuthProviderName, ProviderProfile } from './oauth-provider.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** The account a provider's answer leads to, or an offer to link it to an existing account by password. */
type Resolution =
  | { readonly kind: 'user'; readonly user: UserEntity }
  | { readonly kind: 'offer'; readonly token: string; readonly email: string };

const unverifiedEmail = (provider: string): AuthException =>
  new AuthException(
    AuthErrorCode.PROVIDER_EMAIL_UNVERIFIED,
    `${provider} did not confirm an e-mail address for this account; confirm one there and try again`,
  );

const invalidLinkToken = (): AuthException =>
  new AuthException(
    AuthErrorCode.INVALID_LINK_TOKEN,
    'The link token is unknown, used or expired; sign in with the provider again',
    { errors: [{ field: 'linkToken', messages: ['linkToken is unknown, used or expired'] }] },
  );

/** 409 ACCOUNT_LINK_REQUIRED: the problem carries the link token; the web app's page asks for the password. */
export class AccountLinkRequiredException extends AuthException {
  constructor(
    readonly provider: OAuthProviderName,
    readonly email: string,
    readonly linkToken: string,
  ) {
    super(
      AuthErrorCode.ACCOUNT_LINK_REQUIRED,
      `An account with ${email} exists. To sign in to it with ${provider}, send its password with this ` +
        `linkToken to POST ${API_PREFIX}/auth/link, or sign in and link from the account ` +
        `(GET ${API_PREFIX}/auth/${provider}?intent=link)`,
      { extensions: { linkToken, provider, email } },
    );
  }
}

/** Turns a provider's hint into a login candidate: allowed characters, 3 to 24 of them. */
function loginBase(hint: string): string {
  const cleaned = hint.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 24);
  return cleaned.length >= 3 ? cleaned : `user${cleaned}`;
}

/**
 * Google and Yandex sign-in after the provider answered: finds the linked account, creates one for a new
 * verified address, and links a provider account to an existing Agora account only with proof, either the
 * signed-in session that asked for the link or the account's password (never by a matching e-mail alone).
 */
@Injectable()
export class OAuthSignInService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly identities: IdentitiesRepository,
    private readonly linkOffers: IdentityLinkOffersRepository,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly authentication: AuthenticationService,
    private readonly config: AuthConfig,
  ) {}

  /** The user to issue tokens to; 409 ACCOUNT_LINK_REQUIRED with a link token when proof is needed. */
  async complete(profile: ProviderProfile, flow: FlowContext): Promise<UserEntity> {
    if (flow.intent === 'link' && !profile.emailVerified) {
      throw unverifiedEmail(profile.provider);
    }
    const resolution = await this.transactions.run((manager) =>
      flow.intent === 'link' && flow.userId
        ? this.linkToSignedInUser(manager, profile, flow.userId)
        : this.resolveSignIn(manager, profile),
    );
    if (resolution.kind === 'offer') {
      throw new AccountLinkRequiredException(profile.provider, resolution.email, resolution.token);
    }
    return resolution.user;
  }

  /** `POST /api/auth/link`: the account's password proves the owner agrees to the link. */
  async acceptLinkOffer(token: string, password: string, ip: string): Promise<UserEntity> {
    const offer = await this.linkOffers.findLive(secretHash(token));
    const owner = offer ? await this.users.findById(offer.userId) : null;
    if (!offer || !owner) {
      throw invalidLinkToken();
    }
    // The same throttled check as signing in: wrong passwords count against the account and address.
    const user = await this.authentication.authenticate(owner.email, password, ip);
    await this.transactions.run(async (manager) => {
      if (!(await this.linkOffers.spend(manager, offer.tokenHash))) {
        throw invalidLinkToken();
      }
      await this.link(manager, user, offer);
    });
    return user;
  }

  private async resolveSignIn(manager: EntityManager, profile: ProviderProfile): Promise<Resolution> {
    const linked = await this.identities.findBySubject(manager, profile.provider, profile.subject);
    const linkedUser = linked ? await this.users.findById(linked.userId, manager) : null;
    if (linkedUser) {
      return { kind: 'user', user: linkedUser };
    }
    const email = profile.emailVerified ? profile.email : null;
    if (!email) {
      // Without an address the provider vouches for there is nothing to create or link an account by.
      throw unverifiedEmail(profile.provider);
    }
    const existing = await this.users.findByEmail(email, manager);
    const owner = existing ? await this.users.lockById(manager, existing.id) : null;
    if (owner?.verified) {
      return { kind: 'offer', email, token: await this.offerLink(manager, profile, email, owner) };
    }
    if (owner) {
      return { kind: 'user', user: await this.claimUnverified(manager, owner, profile) };
    }
    return { kind: 'user', user: await this.createUser(manager, profile, email) };
  }

  private async linkToSignedInUser(
    manager: EntityManager,
    profile: ProviderProfile,
    userId: string,
  ): Promise<Resolution> {
    const user = await this.users.lockById(manager, userId);
    if (!user) {
      throw new AccessException(
        AccessErrorCode.AUTHENTICATION_REQUIRED,
        'The account that asked for the link no longer exists',
      );
    }
    await this.link(manager, user, profile);
    return { kind: 'user', user };
  }

  /** Adds the identity; 409 when it belongs to someone else or the user has another of the provider. */
  private async link(
    manager: EntityManager,
    user: UserEntity,
    identity: Pick<ProviderProfile, 'provider' | 'subject' | 'email'>,
  ): Promise<void> {
    const current = await this.identities.findBySubject(manager, identity.provider, identity.subject);
    if (current?.userId === user.id) {
      return;
    }
    if (current) {
      throw new AuthException(
        AuthErrorCode.IDENTITY_LINKED_ELSEWHERE,
        `This ${identity.provider} account is linked to another Agora account`,
      );
    }
    try {
      await this.identities.insert(manager, {
        provider: identity.provider,
        subject: identity.subject,
        userId: user.id,
        email: identity.email,
      });
    } catch (error) {
      if (uniqueViolation(error) === 'identities_user_provider_key') {
        throw new AuthException(
          AuthErrorCode.PROVIDER_ALREADY_LINKED,
          `Another ${identity.provider} account is linked to this account; unlink it first`,
        );
      }
      throw error;
    }
  }

  private async offerLink(
    manager: EntityManager,
    profile: ProviderProfile,
    email: string,
    owner: UserEntity,
  ): Promise<string> {
    const token = newOpaqueToken();
    await this.linkOffers.insert(manager, {
      tokenHash: secretHash(token),
      provider: profile.provider,
      subject: profile.subject,
      email,
      userId: owner.id,
      expiresAt: new Date(Date.now() + this.config.OAUTH_FLOW_TTL_MINUTES * 60_000),
    });
    return token;
  }

  /**
   * Someone registered this address with a password but never proved it; the provider now proves it
   * belongs to this person. The unproven password goes (it may be a squatter's: pre-account takeover), the
   * account is verified and linked.
   */
  private async claimUnverified(
    manager: EntityManager,
    owner: UserEntity,
    profile: ProviderProfile,
  ): Promise<UserEntity> {
    owner.passwordHash = null;
    owner.verified = true;
    const saved = await this.users.save(manager, owner);
    await this.outbox.add(manager, Topics.UserVerified, saved.id, {
      userId: saved.id,
      verifiedAt: new Date().toISOString(),
    });
    await this.link(manager, saved, profile);
    return saved;
  }

  private async createUser(
    manager: EntityManager,
    profile: ProviderProfile,
    email: string,
  ): Promise<UserEntity> {
    const user = await this.users.insert(manager, {
      email,
      login: await this.availableLogin(manager, profile.loginHint),
      passwordHash: null,
      verified: true,
    });
    await this.outbox.add(manager, Topics.UserRegistered, user.id, {
      userId: user.id,
      email: user.email,
      login: user.login,
      registeredAt: user.createdAt.toISOString(),
      displayName: profile.displayName,
      avatarUrl: profile.avatarUrl,
    });
    await this.outbox.add(manager, Topics.UserVerified, user.id, {
      userId: user.id,
      verifiedAt: user.createdAt.toISOString(),
    });
    await this.link(manager, user, profile);
    return user;
  }

  /** The hint as a login, or with a random suffix when it is taken. */
  private async availableLogin(manager: EntityManager, hint: string): Promise<string> {
    const base = loginBase(hint);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const candidate = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
      if (!(await this.users.isLoginTaken(manager, candidate))) {
        return candidate;
      }
    }
    return `${base}-${randomBytes(6).toString('hex')}`;
  }
}
