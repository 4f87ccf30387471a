import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
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

class TransporterMailer implements Mailer {
  constructor(
    private readonly transporter: Transporter,
    private readonly from: string,
    private readonly deliver: (
      info: { messageId: string; message?: unknown },
      message: MailMessage,
    ) => Promise<void>,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const info = (await this.transporter.sendMail({ from: this.from, ...message })) as {
      messageId: string;
      message?: unknown;
    };
    await this.deliver(info, message);
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * nodemailer over SMTP when `smtpUrl` is set (Mailpit in compose, a real relay in production); otherwise
 * each message is printed to the log and saved as `<directory>/<time>-<id>.eml` (the embedded mode).
 */
export function createMailer(settings: MailSettings, logger: Logger): Mailer {
  if (settings.smtpUrl) {
    return new TransporterMailer(
      nodemailer.createTransport(settings.smtpUrl),
      settings.from,
      (info, message) => {
        logger.info({ to: message.to, subject: message.subject, messageId: info.messageId }, 'mail sent');
        return Promise.resolve();
      },
    );
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return new TransporterMailer(transporter, settings.from, async (info, message) => {
    await mkdir(settings.directory, { recursive: true });
    const file = path.join(
      settings.directory,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
    );
    await writeFile(file, info.message as Buffer);
    logger.info({ to: message.to, subject: message.subject, text: message.text, file }, 'mail saved');
  });
}
