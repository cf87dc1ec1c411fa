// The outbox: an email is rendered when something happens, queued in the store as a job, and sent by the worker's
// mail lane — so no request ever waits on a mail server, and an outage only delays mail (retried with backoff).

import { randomBytes } from "node:crypto";
import type { MailKind, RenderedMail } from "~/concierge/mail/catalog";
import type { Runtime } from "~/platform/runtime.server";
import { enqueueJob, PermanentJobError } from "~/platform/worker.server";
import type { Job } from "~/store/port";

export const MAIL_JOB = "mail";

export interface MailJobPayload {
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

function messageIdFor(runtime: Runtime): string {
  const host = new URL(runtime.env.appUrl).hostname || "concierge.local";
  return `<${Date.now().toString(36)}.${randomBytes(8).toString("hex")}@${host}>`;
}

/**
 * Queues one email. `ref` names what it is about (a ticket id, a reply id): the same kind and ref are queued once,
 * so a retried request cannot mail twice. Returns false when mail is not configured or it was already queued.
 */
export async function queueMail(
  runtime: Runtime,
  shop: string,
  kind: MailKind,
  to: string[],
  mail: RenderedMail,
  ref: string,
): Promise<boolean> {
  const recipients = [...new Set(to.map((t) => t.trim()).filter((t) => t.includes("@")))];
  if (recipients.length === 0) return false;
  if (!runtime.mailer) {
    runtime.metrics.emails.inc({ kind, outcome: "not_configured" });
    return false;
  }
  const payload: MailJobPayload = { kind, to: recipients, ...mail, messageId: messageIdFor(runtime) };
  const queued = await enqueueJob(runtime.store, shop, {
    kind: MAIL_JOB,
    key: `mail:${kind}:${ref}`,
    payload: payload as unknown as Record<string, unknown>,
  });
  if (queued) {
    runtime.metrics.emails.inc({ kind, outcome: "queued" });
    runtime.worker.nudge();
  }
  return queued;
}

/** The worker's handler: one attempt at sending; a failure is retried by the worker with backoff. */
export async function sendQueuedMail(runtime: Runtime, job: Job): Promise<void> {
  const mail = job.payload as unknown as MailJobPayload;
  if (!runtime.mailer) throw new PermanentJobError("mail is not configured (SMTP_URL)");
  if (!Array.isArray(mail.to) || mail.to.length === 0) throw new PermanentJobError("the queued mail has no recipient");
  try {
    await runtime.mailer.send(mail);
  } catch (error) {
    runtime.metrics.emails.inc({ kind: mail.kind, outcome: "failed" });
    // SMTP errors can quote the recipient: keep only the status line's code.
    const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
    throw new Error(`SMTP send failed (${code ?? "no response"})`);
  }
  runtime.metrics.emails.inc({ kind: mail.kind, outcome: "sent" });
}

export interface MailStatus {
  configured: boolean;
  from: string | null;
  /** Why nothing is sent, for the admin to show. */
  message: string;
  queue: { pending: number; sending: number; sent: number; failed: number };
}

/** What the admin shows about email: configured or not, and the shop's outbox. */
export async function mailStatus(runtime: Runtime, shop: string): Promise<MailStatus> {
  const counts = await runtime.store.jobs.counts(shop, MAIL_JOB);
  const configured = runtime.mailer !== null;
  return {
    configured,
    from: runtime.mailer?.from ?? null,
    message: configured
      ? `Emails are sent from ${runtime.mailer!.from}.`
      : "Emails are not sent: SMTP_URL is not set. Shoppers read replies and decisions in their chat only; set SMTP_URL and MAIL_FROM to email them too.",
    queue: { pending: counts.pending, sending: counts.running, sent: counts.done, failed: counts.dead },
  };
}
