// The emails the app sends, as message catalogs per locale (en, fr, es, de): subject, lines and a closing. Pure.
// Kept in its own module; the widget's catalogs live beside it and the two can merge once both have landed.

export const MAIL_LOCALES = ["en", "fr", "es", "de"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export type MailKind =
  "ticket_acknowledged" | "agent_reply" | "return_decision" | "staff_escalation" | "staff_sla_breach";

export interface MailData {
  shopName: string;
  name?: string;
  ticketNumber?: number;
  topic?: string;
  expectedReply?: string;
  reply?: string;
  rma?: string;
  decision?: "approved" | "declined";
  note?: string | null;
  adminUrl?: string;
  dueAt?: string;
}

type Lines = (d: MailData) => { subject: string; greeting: string; lines: string[] };
type Catalog = Record<MailKind, Lines> & { closing: (d: MailData) => string };

const greet = (hello: string, d: MailData) => (d.name ? `${hello} ${d.name},` : `${hello},`);

const en: Catalog = {
  ticket_acknowledged: (d) => ({
    subject: `We have your request (ticket #${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Hello", d),
    lines: [
      `Thank you for reaching out. A stylist has your request (ticket #${d.ticketNumber}) and will reply ${d.expectedReply ?? "soon"}.`,
      "You can reply to this email to add anything.",
    ],
  }),
  agent_reply: (d) => ({
    subject: `A reply to your request (ticket #${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Hello", d),
    lines: [d.reply ?? "", "You will also see this reply the next time you open the concierge on our store."],
  }),
  return_decision: (d) => ({
    subject: `Your request ${d.rma} was ${d.decision === "approved" ? "approved" : "declined"} — ${d.shopName}`,
    greeting: greet("Hello", d),
    lines: [
      d.decision === "approved"
        ? `Good news: your request ${d.rma} has been approved. We will email your prepaid label and next steps shortly.`
        : `We are sorry: we cannot accept your request ${d.rma}.`,
      ...(d.note ? [`Note from our team: ${d.note}`] : []),
    ],
  }),
  staff_escalation: (d) => ({
    subject: `New escalation: ticket #${d.ticketNumber} (${d.topic})`,
    greeting: "Hello,",
    lines: [
      `A shopper asked for a stylist (ticket #${d.ticketNumber}, topic ${d.topic}). Reply due by ${d.dueAt}.`,
      ...(d.adminUrl ? [`Open the ticket: ${d.adminUrl}`] : []),
    ],
  }),
  staff_sla_breach: (d) => ({
    subject: `SLA breached: ticket #${d.ticketNumber}`,
    greeting: "Hello,",
    lines: [
      `Ticket #${d.ticketNumber} (topic ${d.topic}) was due by ${d.dueAt} and has no reply yet.`,
      ...(d.adminUrl ? [`Open the ticket: ${d.adminUrl}`] : []),
    ],
  }),
  closing: (d) => `— ${d.shopName}`,
};

const fr: Catalog = {
  ticket_acknowledged: (d) => ({
    subject: `Nous avons bien reçu votre demande (ticket n° ${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Bonjour", d),
    lines: [
      `Merci de nous avoir contactés. Un conseiller a pris en charge votre demande (ticket n° ${d.ticketNumber}) et vous répondra ${d.expectedReply ?? "bientôt"}.`,
      "Vous pouvez répondre à cet e-mail pour ajouter une précision.",
    ],
  }),
  agent_reply: (d) => ({
    subject: `Réponse à votre demande (ticket n° ${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Bonjour", d),
    lines: [d.reply ?? "", "Vous retrouverez aussi cette réponse en ouvrant le concierge sur notre boutique."],
  }),
  return_decision: (d) => ({
    subject: `Votre demande ${d.rma} a été ${d.decision === "approved" ? "acceptée" : "refusée"} — ${d.shopName}`,
    greeting: greet("Bonjour", d),
    lines: [
      d.decision === "approved"
        ? `Bonne nouvelle : votre demande ${d.rma} est acceptée. Nous vous envoyons très vite l'étiquette prépayée et la marche à suivre.`
        : `Nous sommes désolés : nous ne pouvons pas accepter votre demande ${d.rma}.`,
      ...(d.note ? [`Message de notre équipe : ${d.note}`] : []),
    ],
  }),
  staff_escalation: (d) => ({
    subject: `Nouvelle demande : ticket n° ${d.ticketNumber} (${d.topic})`,
    greeting: "Bonjour,",
    lines: [
      `Un client souhaite parler à un conseiller (ticket n° ${d.ticketNumber}, sujet ${d.topic}). Réponse attendue avant ${d.dueAt}.`,
      ...(d.adminUrl ? [`Ouvrir le ticket : ${d.adminUrl}`] : []),
    ],
  }),
  staff_sla_breach: (d) => ({
    subject: `Délai dépassé : ticket n° ${d.ticketNumber}`,
    greeting: "Bonjour,",
    lines: [
      `Le ticket n° ${d.ticketNumber} (sujet ${d.topic}) attendait une réponse avant ${d.dueAt}.`,
      ...(d.adminUrl ? [`Ouvrir le ticket : ${d.adminUrl}`] : []),
    ],
  }),
  closing: (d) => `— ${d.shopName}`,
};

const es: Catalog = {
  ticket_acknowledged: (d) => ({
    subject: `Hemos recibido su solicitud (ticket n.º ${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Hola", d),
    lines: [
      `Gracias por escribirnos. Un estilista tiene su solicitud (ticket n.º ${d.ticketNumber}) y le responderá ${d.expectedReply ?? "pronto"}.`,
      "Puede responder a este correo para añadir cualquier detalle.",
    ],
  }),
  agent_reply: (d) => ({
    subject: `Respuesta a su solicitud (ticket n.º ${d.ticketNumber}) — ${d.shopName}`,
    greeting: greet("Hola", d),
    lines: [d.reply ?? "", "También verá esta respuesta la próxima vez que abra el asistente en nuestra tienda."],
  }),
  return_decision: (d) => ({
    subject: `Su solicitud ${d.rma} ha sido ${d.decision === "approved" ? "aprobada" : "rechazada"} — ${d.shopName}`,
    greeting: greet("Hola", d),
    lines: [
      d.decision === "approved"
        ? `Buenas noticias: su solicitud ${d.rma} ha sido aprobada. En breve le enviaremos la etiqueta prepagada y los siguientes pasos.`
        : `Lo sentimos: no podemos aceptar su solicitud ${d.rma}.`,
      ...(d.note ? [`Nota de nuestro equipo: ${d.note}`] : []),
    ],
  }),
  staff_escalation: (d) => ({
    subject: `Nueva escalación: ticket n.º ${d.ticketNumber} (${d.topic})`,
    greeting: "Hola,",
    lines: [
      `Un cliente pidió un estilista (ticket n.º ${d.ticketNumber}, tema ${d.topic}). Respuesta antes de ${d.dueAt}.`,
      ...(d.adminUrl ? [`Abrir el ticket: ${d.adminUrl}`] : []),
    ],
  }),
  staff_sla_breach: (d) => ({
    subject: `SLA incumplido: ticket n.º ${d.ticketNumber}`,
    greeting: "Hola,",
    lines: [
      `El ticket n.º ${d.ticketNumber} (tema ${d.topic}) vencía el ${d.dueAt} y aún no tiene respuesta.`,
      ...(d.adminUrl ? [`Abrir el ticket: ${d.adminUrl}`] : []),
    ],
  }),
  closing: (d) => `— ${d.shopName}`,
};

const de: Catalog = {
  ticket_acknowledged: (d) => ({
    subject: `Wir haben Ihre Anfrage erhalten (Ticket Nr. ${d.ticketNumber}) — ${d.shopName}`,
    greeting: d.name ? `Hallo ${d.name},` : "Guten Tag,",
    lines: [
      `Vielen Dank für Ihre Nachricht. Eine Stilistin hat Ihre Anfrage (Ticket Nr. ${d.ticketNumber}) und antwortet ${d.expectedReply ?? "bald"}.`,
      "Sie können auf diese E-Mail antworten, um etwas zu ergänzen.",
    ],
  }),
  agent_reply: (d) => ({
    subject: `Antwort auf Ihre Anfrage (Ticket Nr. ${d.ticketNumber}) — ${d.shopName}`,
    greeting: d.name ? `Hallo ${d.name},` : "Guten Tag,",
    lines: [
      d.reply ?? "",
      "Sie sehen diese Antwort auch, wenn Sie den Concierge in unserem Shop das nächste Mal öffnen.",
    ],
  }),
  return_decision: (d) => ({
    subject: `Ihre Anfrage ${d.rma} wurde ${d.decision === "approved" ? "angenommen" : "abgelehnt"} — ${d.shopName}`,
    greeting: d.name ? `Hallo ${d.name},` : "Guten Tag,",
    lines: [
      d.decision === "approved"
        ? `Gute Nachricht: Ihre Anfrage ${d.rma} wurde angenommen. Das frankierte Versandetikett und die nächsten Schritte folgen in Kürze.`
        : `Es tut uns leid: Wir können Ihre Anfrage ${d.rma} nicht annehmen.`,
      ...(d.note ? [`Nachricht unseres Teams: ${d.note}`] : []),
    ],
  }),
  staff_escalation: (d) => ({
    subject: `Neue Eskalation: Ticket Nr. ${d.ticketNumber} (${d.topic})`,
    greeting: "Hallo,",
    lines: [
      `Eine Kundin möchte eine Stilistin sprechen (Ticket Nr. ${d.ticketNumber}, Thema ${d.topic}). Antwort fällig bis ${d.dueAt}.`,
      ...(d.adminUrl ? [`Ticket öffnen: ${d.adminUrl}`] : []),
    ],
  }),
  staff_sla_breach: (d) => ({
    subject: `SLA verletzt: Ticket Nr. ${d.ticketNumber}`,
    greeting: "Hallo,",
    lines: [
      `Ticket Nr. ${d.ticketNumber} (Thema ${d.topic}) war bis ${d.dueAt} fällig und hat noch keine Antwort.`,
      ...(d.adminUrl ? [`Ticket öffnen: ${d.adminUrl}`] : []),
    ],
  }),
  closing: (d) => `— ${d.shopName}`,
};

export const MAIL_CATALOGS: Record<MailLocale, Catalog> = { en, fr, es, de };

/** "fr-CA" → "fr"; anything we have no catalog for → "en". */
export function mailLocale(tag: string | null | undefined): MailLocale {
  const base = (tag ?? "").toLowerCase().split("-")[0];
  return (MAIL_LOCALES as readonly string[]).includes(base) ? (base as MailLocale) : "en";
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Plain text plus simple HTML; every value is escaped in the HTML, and the subject never holds a line break. */
export function renderMail(kind: MailKind, locale: string | null | undefined, data: MailData): RenderedMail {
  const catalog = MAIL_CATALOGS[mailLocale(locale)];
  const { subject, greeting, lines } = catalog[kind](data);
  const closing = catalog.closing(data);
  const body = lines.filter((l) => l !== "");
  const text = [greeting, "", ...body.flatMap((l) => [l, ""]), closing, ""].join("\n");
  const paragraphs = [greeting, ...body].map((l) => `<p>${escapeHtml(l).replace(/\n/g, "<br>")}</p>`).join("\n");
  const html =
    `<!doctype html><html lang="${mailLocale(locale)}"><body style="font-family: Georgia, serif; color: #1f1f1f; line-height: 1.5">\n` +
    `${paragraphs}\n<p>${escapeHtml(closing)}</p>\n</body></html>\n`;
  return { subject: subject.replace(/[\r\n]+/g, " ").slice(0, 200), text, html };
}
