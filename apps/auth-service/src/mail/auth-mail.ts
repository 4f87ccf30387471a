import { WEB_PAGES, type SellerApplicationDecidedV1, type SellerReportResolvedV1 } from '@agora/contracts';
import { LOGGER } from '@agora/logging';
import { createMailer, type Mailer, type MailMessage } from '@agora/mail';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';

/**
 * The mail auth-service sends. A failed send is logged and never undoes the change that caused it: the
 * user asks for a new code or link.
 */
@Injectable()
export class AuthMail implements OnApplicationShutdown {
  private readonly mailer: Mailer;

  constructor(
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.mailer = createMailer(
      { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, directory: config.MAIL_DIR },
      logger.child({ component: 'mail' }),
    );
  }

  async sendVerificationCode(to: string, login: string, code: string): Promise<void> {
    const link = this.webPage(WEB_PAGES.verify, { email: to, code });
    const minutes = this.config.VERIFICATION_CODE_TTL_MINUTES;
    await this.send({
      to,
      subject: `Your Agora code: ${code}`,
      text: [
        `Hello ${login},`,
        '',
        `Your verification code is ${code}. It is valid for ${minutes} minutes.`,
        `Or open this link: ${link.toString()}`,
        '',
        'If you did not register on Agora, ignore this message.',
      ].join('\n'),
    });
  }

  async sendPasswordReset(to: string, token: string): Promise<void> {
    const minutes = this.config.PASSWORD_RESET_TTL_MINUTES;
    await this.send({
      to,
      subject: 'Reset your Agora password',
      text: [
        'Someone asked to reset the password of your Agora account.',
        '',
        `Choose a new password here within ${minutes} minutes (the link works once):`,
        this.webPage(WEB_PAGES.recover, { token }).toString(),
        '',
        `Your reset token, if an app asks for it: ${token}`,
        '',
        'If it was not you, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
  }

  /** An admin's decision on the user's seller application (order-service), with the admin's message. */
  async sendSellerApplicationDecision(
    to: string,
    login: string,
    decision: SellerApplicationDecidedV1,
  ): Promise<void> {
    const approved = decision.decision === 'approved';
    await this.send({
      to,
      subject: approved
        ? `Your Agora shop "${decision.shopName}" is approved`
        : `Your Agora seller application for "${decision.shopName}" was not approved`,
      text: [
        `Hello ${login},`,
        '',
        approved
          ? 'An admin approved your seller application: you are a seller now. Sign in again to start selling.'
          : 'An admin did not approve your seller application.',
        ...(decision.message ? ['', `Message from the admin: ${decision.message}`] : []),
      ].join('\n'),
    });
  }

  /** A moderator's warning or suspension after a report on the seller, with the moderator's message. */
  async sendSellerReportOutcome(to: string, login: string, outcome: SellerReportResolvedV1): Promise<void> {
    const suspended = outcome.action === 'suspend';
    await this.send({
      to,
      subject: suspended ? 'Your Agora seller role is suspended' : 'A warning about your Agora shop',
      text: [
        `Hello ${login},`,
        '',
        suspended
          ? 'After a report from a buyer, a moderator suspended your seller role: your account is a buyer account now.'
          : 'A buyer reported your shop, and a moderator warns you: a further report may suspend your seller role.',
        ...(outcome.message ? ['', `Message from the moderator: ${outcome.message}`] : []),
      ].join('\n'),
    });
  }

  /** A page of the web app at PUBLIC_URL, e.g. `/verify?email=…&code=…`. */
  private webPage(page: string, query: Readonly<Record<string, string>>): URL {
    const url = new URL(page, this.config.PUBLIC_URL);
    for (const [name, value] of Object.entries(query)) {
      url.searchParams.set(name, value);
    }
    return url;
  }

  /**
   * Sends a message and rejects when SMTP does not take it, for callers that retry (the order mail queue);
   * the other mail here is logged and dropped on failure.
   */
  async deliver(message: MailMessage): Promise<void> {
    await this.mailer.send(message);
  }

  private async send(message: { to: string; subject: string; text: string }): Promise<void> {
    try {
      await this.mailer.send(message);
    } catch (error) {
      this.logger.error({ err: error, to: message.to, subject: message.subject }, 'mail not sent');
    }
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
