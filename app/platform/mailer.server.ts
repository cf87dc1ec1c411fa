// Outgoing mail over SMTP (nodemailer), behind a small port so the outbox never knows the transport. Without
// SMTP_URL there is no mailer at all: nothing is queued, nothing is sent, and the admin is told so.

import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Fixed per queued message: a retry after an unclear failure reuses it, so receivers can drop a duplicate. */
  messageId: string;
}

export interface Mailer {
  readonly from: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from: string | undefined): Mailer | null {
  if (!smtpUrl || !from) return null;
  const transport = nodemailer.createTransport(smtpUrl, {
    // A dead server must fail the attempt in seconds (the job retries later), not hold the mail lane.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as nodemailer.TransportOptions);
  return {
    from,
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}
