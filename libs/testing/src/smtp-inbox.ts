import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './processes.js';

export interface ReceivedMail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly raw: string;
}

export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Resolves with the first message (already received or still to come) to `address` that `accept` takes. */
  next(address: string, accept?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SmtpInboxOptions {
  /** Recipients the server refuses for now (`450`, a temporary failure): asked at each RCPT TO. */
  readonly refuse?: (address: string) => boolean;
}

/** A real SMTP server in the test process that keeps what it receives. */
export async function startSmtpInbox({ refuse = () => false }: SmtpInboxOptions = {}): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse(address.address.toLowerCase())) {
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 450 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then(
          (parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              raw,
            });
            waiters.forEach((wake) => wake());
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const find = (address: string, accept: (mail: ReceivedMail) => boolean) =>
    messages.find((mail) => mail.to.includes(address.toLowerCase()) && accept(mail));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next(address, accept = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const mail = find(address, accept);
          if (mail) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(mail);
          }
          return mail !== undefined;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) {
          waiters.add(check);
        }
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
