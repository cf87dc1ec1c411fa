// One renderer per Message type of the API (API.md §2); types we do not know are skipped, never shown raw.

import type { Message, QuickReply } from "../../app/concierge/messages";
import { productCards } from "./cards";
import { fill, h, icon, safeUrl } from "./dom";
import { renderForm } from "./forms";
import type { View } from "./view";

type Of<T extends Message["type"]> = Extract<Message, { type: T }>;

export function pills(replies: QuickReply[], view: View): HTMLElement {
  return h(
    "div",
    { class: "pills" },
    replies.map((r) =>
      h(
        "button",
        {
          type: "button",
          class: "pill",
          onclick: () => {
            view.track("quick_reply_clicked", { action: r.action.type });
            view.act(r.action, r.label);
          },
        },
        r.label,
      ),
    ),
  );
}

export function bubble(text: string, role: "me" | "concierge" | "agent", view: View): HTMLElement {
  if (role === "me") return h("p", { class: "m me" }, h("span", { class: "vh" }, `${view.s.you}: `), text);
  if (role === "agent") return h("p", { class: "m agent" }, h("span", { class: "who" }, view.s.stylist), text);
  return h("p", { class: "m" }, text);
}

function cards(m: Of<"product_cards">, view: View): HTMLElement {
  const block = h("div", { class: "blk" }, m.text ? bubble(m.text, "concierge", view) : null);
  if (m.products.length) {
    block.append(productCards(m.products, view));
    view.track("products_shown", { count: m.products.length });
  }
  const more = h("div", { class: "pills" });
  if (m.hasMore)
    more.append(
      h(
        "button",
        { type: "button", class: "pill", onclick: () => view.act({ type: "more" }, view.s.show_more) },
        view.s.show_more,
      ),
    );
  const refine = h(
    "button",
    { type: "button", class: "pill", "aria-expanded": "false", onclick: () => view.refine(refine) },
    view.s.refine,
  );
  more.append(refine);
  if (m.relaxations?.length) block.append(pills(m.relaxations, view));
  block.append(more);
  return block;
}

function order(m: Of<"order_status">, view: View): HTMLElement {
  const { order: o } = m;
  const tracking = safeUrl(o.shipping.trackingUrl);
  return h(
    "div",
    { class: "blk" },
    m.text ? bubble(m.text, "concierge", view) : null,
    h(
      "div",
      { class: "card2" },
      h("h3", null, fill(view.s.order, { n: o.number })),
      h(
        "ol",
        { class: "tl" },
        o.timeline.map((step) =>
          h(
            "li",
            { class: step.state, "aria-current": step.state === "current" ? "step" : null },
            step.label,
            step.at ? h("span", { class: "vh" }, ` ${view.date(step.at)}`) : null,
          ),
        ),
      ),
      o.shipping.carrier
        ? h("p", { class: "meta" }, [o.shipping.carrier, o.shipping.trackingNumber].filter(Boolean).join(" · "))
        : null,
      tracking ? h("a", { href: tracking, class: "btn", rel: "noopener" }, view.s.track) : null,
    ),
  );
}

function eligibility(m: Of<"return_eligibility">, view: View): HTMLElement {
  return h(
    "div",
    { class: "blk" },
    bubble(m.text, "concierge", view),
    h(
      "ul",
      { class: "card2 tl" },
      m.items.map((item) =>
        h(
          "li",
          { class: item.eligible ? "done" : "" },
          item.title,
          item.eligible
            ? item.deadline
              ? ` — ${fill(view.s.eligible, { date: view.date(item.deadline) })}`
              : ""
            : ` — ${view.s[`reason_${item.reason}`] ?? view.s.not_eligible}`,
        ),
      ),
    ),
  );
}

function csat(m: Of<"csat">, view: View): HTMLElement {
  const { s } = view;
  let rating = 0;
  const comment = h("textarea", { rows: 2, id: `${m.id}-c` });
  const buttons: HTMLButtonElement[] = [];
  const send = (value: number) => {
    for (const b of buttons) b.disabled = true;
    view.focusInput();
    const text = comment.value.trim();
    view.track("csat_submitted", { rating: value });
    view.act({ type: "csat", rating: value, ...(text ? { comment: text } : {}) }, fill(s.rate_n, { n: value }));
  };
  const thumb = (name: "up" | "down", value: number, label: string) => {
    const b = h("button", { type: "button", class: "btn", onclick: () => send(value) }, icon(name), label);
    buttons.push(b);
    return b;
  };
  const stars = h(
    "div",
    { class: "stars", role: "group", "aria-label": s.rate_question },
    [1, 2, 3, 4, 5].map((n) => {
      const b = h(
        "button",
        {
          type: "button",
          class: "btn",
          "aria-pressed": "false",
          "aria-label": fill(s.rate_n, { n }),
          onclick: () => {
            rating = n;
            for (const other of stars.querySelectorAll("button"))
              other.setAttribute("aria-pressed", String(other === b));
            submit.disabled = false;
          },
        },
        String(n),
      );
      buttons.push(b);
      return b;
    }),
  );
  const submit = h(
    "button",
    { type: "button", class: "pri", disabled: true, onclick: () => rating && send(rating) },
    s.rate_send,
  );
  buttons.push(submit);
  return h(
    "div",
    { class: "card2" },
    h("p", { class: "ok" }, m.question),
    h("div", { class: "pills" }, thumb("up", 5, s.rate_up), thumb("down", 2, s.rate_down)),
    stars,
    h("div", { class: "fld" }, h("label", { for: `${m.id}-c` }, s.comment), comment),
    submit,
  );
}

function handoff(m: Of<"handoff">, view: View): HTMLElement {
  return h(
    "div",
    { class: "card2", role: "group", "aria-label": fill(view.s.ticket, { n: m.ticket.number }) },
    h("h3", null, fill(view.s.ticket, { n: m.ticket.number })),
    h("p", { class: "ok" }, m.text),
  );
}

/** The element for one message, or null for a type this widget does not know. */
export function renderMessage(m: Message, view: View, role?: string): HTMLElement | null {
  switch (m.type) {
    case "text":
      return bubble(
        m.text,
        role === "shopper" ? "me" : m.role === "agent" || role === "agent" ? "agent" : "concierge",
        view,
      );
    case "quick_replies":
      return h("div", { class: "blk" }, m.text ? bubble(m.text, "concierge", view) : null, pills(m.replies, view));
    case "product_cards":
      return cards(m, view);
    case "order_status":
      return order(m, view);
    case "form":
      return renderForm(m, view);
    case "return_eligibility":
      return eligibility(m, view);
    case "csat":
      return csat(m, view);
    case "handoff":
      return handoff(m, view);
    default:
      return null;
  }
}
