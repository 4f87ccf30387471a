import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Sends mail; which transport depends on configuration, never on the caller. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset → console and `.eml` files in `directory`. */
  readonly smtpUrl?: string;
  readonly from: string;
  /** Where the console transport saves each message as `.eml`. */
  readonly directory: string;
}

/**
 * A mailer whose nodemailer transport is created with the first message: nodemailer (about 40 modules and
 * 1.5 MB of heap) is loaded only by a process that sends mail, not by every idle auth-service.
 */
class TransporterMailer implements Mailer {
  private transporter?: Transporter;
  private loading?: Promise<Transporter>;

  constructor(
    private readonly createTransport: (nodemailer: typeof Nodemailer) => Transporter,
    private readonly from: string,
    private readonly deliver: (
      info: { messageId: string; message?: unknown },
      message: MailMessage,
    ) => Promise<void>,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const transporter = await (this.loading ??= this.load());
    const info = (await transporter.sendMail({ from: this.from, ...message })) as {
      messageId: string;
      message?: unknown;
    };
    await this.deliver(info, message);
  }

  close(): void {
    this.transporter?.close();
  }

  private async load(): Promise<Transporter> {
    const { default: nodemailer } = await import('nodemailer');
    this.transporter = this.createTransport(nodemailer);
    return this.transporter;
  }
}

/**
 * nodemailer over SMTP when `smtpUrl` is set (Mailpit in compose, a real relay in production); otherwise
 * each message is printed to the log and saved as `<directory>/<time>-<id>.eml` (the embedded mode).
 */
export function createMailer(settings: MailSettings, logger: Logger): Mailer {
  if (settings.smtpUrl) {
    const smtpUrl = settings.smtpUrl;
    return new TransporterMailer(
      (nodemailer) => nodemailer.createTransport(smtpUrl),
      settings.from,
      (info, message) => {
        logger.info({ to: message.to, subject: message.subject, messageId: info.messageId }, 'mail sent');
        return Promise.resolve();
      },
    );
  }
  const streamed = (nodemailer: typeof Nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return new TransporterMailer(streamed, settings.from, async (info, message) => {
    await mkdir(settings.directory, { recursive: true });
    const file = path.join(
      settings.directory,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
    );
    await writeFile(file, info.message as Buffer);
    logger.info({ to: message.to, subject: message.subject, text: message.text, file }, 'mail saved');
  });
}
