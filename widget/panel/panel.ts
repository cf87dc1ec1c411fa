// The panel: a dialog in the launcher's shadow root — header, the conversation (a live log), the message box —
// with the transcript restored from the server, honest waiting and error states, and the shopper's actions.

import type { Action, Message, ProductCard } from "../../app/concierge/messages";
import { STORAGE, type Panel, type PanelContext } from "../types";
import { createAnalytics } from "./analytics";
import { ApiError, createApi, newKey } from "./api";
import { fill, h, icon, uid } from "./dom";
import { filterForm, renderForm } from "./forms";
import { bubble, pills, renderMessage } from "./messages";
import { createShortlist, shortlistDrawer } from "./shortlist";
import { PANEL_CSS } from "./styles";
import type { FormMessage, View } from "./view";

const SLOW_MS = 8_000;
const POLL_MS = 15_000;
const MOBILE = "(max-width: 480px)";

interface TurnResponse {
  conversationId: string;
  understanding?: { intent: string; entities?: Record<string, unknown> };
  messages: Message[];
}
type StoredMessage = Message & { role?: string };

function isDarkPage(): boolean {
  for (const el of [document.body, document.documentElement]) {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(el).backgroundColor);
    if (!m || m[4] === "0") continue;
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 90;
  }
  return false;
}

export function createPanel(ctx: PanelContext): Panel {
  const { settings, root, host, launcher, visitorId } = ctx;
  const s = settings.strings;
  const api = createApi(settings.proxy);
  const analytics = createAnalytics(api, visitorId);
  const cartRoot = settings.root.replace(/\/$/, "");
  let conversationId: string | null = null;
  try {
    conversationId = localStorage.getItem(STORAGE.conversation);
  } catch {
    conversationId = null;
  }
  const seen = new Set<string>();
  let contact: { email?: string; postalCode?: string } = {};
  let filters: Record<string, unknown> = {};
  let opened = false;
  let restored: Promise<void> | null = null;
  let pendingRetry: (() => void) | null = null;
  let inerted: Element[] = [];
  let poll: ReturnType<typeof setInterval> | null = null;
  const shortlist = createShortlist(api, visitorId, () => conversationId);

  const setConversation = (id: string | null) => {
    conversationId = id;
    try {
      if (id) localStorage.setItem(STORAGE.conversation, id);
      else localStorage.removeItem(STORAGE.conversation);
    } catch {
      // storage blocked: the conversation lasts for this page
    }
  };

  // ---------- structure ----------
  const titleId = uid("title");
  const inputId = uid("msg");
  const menuId = uid("menu");
  const sub = h("p", { class: "sub", hidden: true });
  const savedCount = h("span", { class: "cnt" });
  const savedButton = h(
    "button",
    { type: "button", class: "ib", onclick: () => openDrawer(null) },
    icon("heart"),
    savedCount,
  );
  const menuButton = h(
    "button",
    {
      type: "button",
      class: "ib",
      "aria-label": s.menu,
      "aria-expanded": "false",
      "aria-controls": menuId,
      onclick: () => toggleMenu(),
    },
    icon("more"),
  );
  const closeButton = h(
    "button",
    { type: "button", class: "ib", "aria-label": s.close, onclick: () => close() },
    icon("close"),
  );
  const menu = h("div", { class: "mn", id: menuId, hidden: true });
  const log = h("div", { class: "log", role: "log", "aria-labelledby": titleId, tabindex: "0" });
  const status = h("div", { class: "st", role: "status" });
  const input = h("textarea", {
    id: inputId,
    rows: 1,
    placeholder: s.placeholder,
    maxlength: 1000,
    autocomplete: "off",
  });
  const composer = h(
    "form",
    { class: "ft" },
    h("label", { for: inputId, class: "vh" }, s.message_label),
    input,
    h("button", { type: "submit", class: "pri", "aria-label": s.send }, icon("send")),
  );
  const panel = h(
    "section",
    { class: `p${isDarkPage() ? " dark" : ""}`, role: "dialog", "aria-labelledby": titleId, hidden: true },
    h(
      "div",
      { class: "hd" },
      h("div", { class: "grow" }, h("h2", { id: titleId }, s.title), sub),
      savedButton,
      menuButton,
      closeButton,
    ),
    menu,
    log,
    status,
    composer,
  );
  root.append(h("style", null, PANEL_CSS), panel);

  const updateSaved = () => {
    const n = shortlist.items().length;
    savedCount.textContent = n ? String(n) : "";
    savedButton.setAttribute("aria-label", n ? `${s.shortlist} (${n})` : s.shortlist);
  };
  updateSaved();
  shortlist.onChange(updateSaved);

  // ---------- rendering ----------
  const scroll = () => requestAnimationFrame(() => (log.scrollTop = log.scrollHeight));

  function add(el: HTMLElement | null): void {
    if (!el) return;
    log.append(el);
    scroll();
  }

  function addMessage(m: StoredMessage): void {
    if (m.id && seen.has(m.id)) return;
    if (m.id) seen.add(m.id);
    if (m.type === "handoff") {
      sub.hidden = false;
      sub.textContent = m.text;
      startPolling();
    }
    add(renderMessage(m, view, m.role));
  }

  function greet(fresh: boolean): void {
    add(bubble(settings.greeting?.trim() || s.greeting, "concierge", view));
    if (fresh) {
      const start = (label: string, intent: Extract<Action, { type: "start" }>["intent"]) => ({
        label,
        action: { type: "start" as const, intent },
      });
      add(
        pills(
          [
            start(s.start_find, "find_product"),
            start(s.start_track, "track_order"),
            start(s.start_return, "return_exchange"),
            start(s.start_stylist, "stylist_contact"),
          ],
          view,
        ),
      );
    }
  }

  // ---------- waiting and failing ----------
  let slowTimer: ReturnType<typeof setTimeout> | null = null;
  let waiting = 0;
  const typing = h(
    "div",
    { class: "typing" },
    h("span", { class: "vh" }, s.typing),
    h("span", { class: "dot" }),
    h("span", { class: "dot" }),
    h("span", { class: "dot" }),
  );
  function busy(on: boolean): void {
    waiting += on ? 1 : -1;
    if (waiting > 0) {
      if (!typing.isConnected) add(typing);
      slowTimer ??= setTimeout(() => (status.textContent = s.slow), SLOW_MS);
    } else {
      typing.remove();
      if (slowTimer) clearTimeout(slowTimer);
      slowTimer = null;
      status.textContent = "";
    }
  }

  let errorBox: HTMLElement | null = null;
  function clearError(): void {
    errorBox?.remove();
    errorBox = null;
    pendingRetry = null;
  }
  function showError(error: unknown, retry: (() => void) | null): void {
    clearError();
    const offline = error instanceof ApiError && error.code === "network.offline";
    const mail = settings.email
      ? h(
          "a",
          { class: "btn", href: `mailto:${settings.email}?subject=${encodeURIComponent(s.shop_email_subject)}` },
          s.email_stylist,
        )
      : null;
    const again = retry
      ? h(
          "button",
          {
            type: "button",
            class: "pri",
            onclick: () => {
              clearError();
              retry();
            },
          },
          s.retry,
        )
      : null;
    const message =
      error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429 && error.message
        ? error.message
        : offline
          ? s.offline
          : s.error;
    errorBox = h(
      "div",
      { class: "alert", role: "alert" },
      h("p", null, message),
      h("div", { class: "pills" }, again, mail),
    );
    pendingRetry = retry;
    add(errorBox);
  }
  // Back online: rerun the failed action (clearError forgets it, so keep it first).
  addEventListener("online", () => {
    const again = pendingRetry;
    if (again) {
      clearError();
      again();
    }
  });

  /** Runs one shopper action with one Idempotency-Key; Retry reruns it with the same key. */
  async function attempt(job: (key: string) => Promise<void>, key = newKey()): Promise<boolean> {
    clearError();
    busy(true);
    try {
      await job(key);
      return true;
    } catch (error) {
      showError(
        error,
        error instanceof ApiError && !error.retryable && error.status !== 0 ? null : () => void attempt(job, key),
      );
      return false;
    } finally {
      busy(false);
    }
  }

  // ---------- talking ----------
  function turn(payload: { text: string } | { action: Action }): Promise<boolean> {
    const body = {
      visitorId,
      ...(conversationId ? { conversationId } : {}),
      ...payload,
      locale: settings.locale,
    };
    return attempt(async (key) => {
      let answer: TurnResponse;
      try {
        answer = await api.post<TurnResponse>("messages", body, key);
      } catch (error) {
        // The conversation was deleted elsewhere: start a new one with this same turn.
        if (!(error instanceof ApiError && error.code === "conversation.not_found")) throw error;
        setConversation(null);
        answer = await api.post<TurnResponse>("messages", { ...body, conversationId: undefined }, newKey());
      }
      setConversation(answer.conversationId);
      if (answer.understanding?.intent === "find_product" && answer.understanding.entities) {
        filters = answer.understanding.entities;
      }
      for (const m of answer.messages) addMessage(m);
    });
  }

  function say(text: string, shown: string, payload: { text: string } | { action: Action }): Promise<boolean> {
    add(bubble(shown || text, "me", view));
    return turn(payload);
  }

  async function submitForm(form: FormMessage, values: Record<string, string>): Promise<boolean> {
    const v: Record<string, string> = {};
    for (const [k, value] of Object.entries(values)) if (value.trim() !== "") v[k] = value.trim();
    if (v.email || v.postalCode) contact = { email: v.email, postalCode: v.postalCode };
    const endpoint = form.submitAction.endpoint;
    if (form.form === "product_filter") {
      const f: Record<string, unknown> = {};
      if (v.category) f.category = v.category;
      if (v.metal) f.metal = v.metal;
      if (v.priceMin) f.priceMin = Number(v.priceMin);
      if (v.priceMax) f.priceMax = Number(v.priceMax);
      if (v.readyToShip) f.readyToShip = true;
      const shown = [v.category && s[v.category], v.metal && s[v.metal], v.readyToShip && s.ready_to_ship]
        .filter(Boolean)
        .join(" · ");
      return say(shown || s.show_pieces, shown || s.show_pieces, { action: { type: "search", filters: f } as Action });
    }
    if (!endpoint) {
      const action = { ...(form.context ?? {}), ...v, type: form.submitAction.type } as Record<string, unknown>;
      if (v.newSize) action.newSize = Number(v.newSize);
      return say(v.orderNumber ?? form.title, v.orderNumber ?? form.title, { action: action as Action });
    }
    if (endpoint === "returns") {
      const body: Record<string, unknown> = {
        ...(form.context ?? {}),
        ...contact,
        ...v,
        ...(v.newSize ? { newSize: Number(v.newSize) } : {}),
        visitorId,
        ...(conversationId ? { conversationId } : {}),
        // Refusals (outside the window, final sale, not found) come back in the shopper's language.
        locale: settings.locale,
      };
      return attempt(async (key) => {
        try {
          const { returnRequest: r } = await api.post<{ returnRequest: { rma: string; nextSteps: string } }>(
            "returns",
            body,
            key,
          );
          analytics.track("return_initiated", { option: String(body.option ?? "") });
          add(bubble(fill(s.request_sent, { rma: r.rma, next: r.nextSteps }), "concierge", view));
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500 || error.status === 0 || error.status === 429)
            throw error;
          add(bubble(error.message, "concierge", view));
          add(pills([{ label: s.start_stylist, action: { type: "start", intent: "stylist_contact" } }], view));
        }
      });
    }
    // endpoint === "escalations"
    const body = {
      ...(conversationId ? { conversationId } : {}),
      visitorId,
      contact: { name: v.name ?? "", email: v.email ?? "", ...(v.phone ? { phone: v.phone } : {}) },
      topic: v.topic ?? "general",
      ...(v.notes ? { notes: v.notes } : {}),
      ...(v.preferredTime ? { preferredTime: v.preferredTime } : {}),
      ...(values.website ? { website: values.website } : {}),
      locale: settings.locale,
    };
    return attempt(async (key) => {
      const { ticket } = await api.post<{
        ticket: { id: string; number: number; status: string; expectedReplyBy: string; expectedReplyText?: string };
      }>("escalations", body, key);
      analytics.track("stylist_ticket_created");
      addMessage({
        id: `local-${ticket.id}`,
        type: "handoff",
        ticket: { ...ticket },
        text: fill(s.reply_by, { when: ticket.expectedReplyText ?? view.date(ticket.expectedReplyBy) }),
      });
    });
  }

  // ---------- the view every renderer uses ----------
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const view: View = {
    s,
    settings,
    act: (action, label) => void say(label, label, { action }),
    submit: submitForm,
    async addToCart(p: ProductCard) {
      const id = /^\d+$/.test(p.variantId ?? "") ? Number(p.variantId) : p.variantId;
      const post = (path: string, body: unknown) =>
        fetch(`${cartRoot}/cart/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body),
        }).then((res) => {
          if (!res.ok) throw new Error(String(res.status));
        });
      await post("add.js", { items: [{ id, quantity: 1 }] });
      // Attribution: the leading underscore keeps the attribute out of the shopper's view at checkout.
      if (conversationId) await post("update.js", { attributes: { _concierge_conversation_id: conversationId } });
      analytics.track("add_to_cart", { productId: p.id });
    },
    isSaved: (id) => shortlist.has(id),
    toggleSave(card) {
      const saved = shortlist.toggle(card);
      if (saved) analytics.track("product_shortlisted", { productId: card.id });
      return saved;
    },
    refine(after) {
      const existing = after.parentElement?.parentElement?.querySelector("form");
      if (existing) {
        existing.remove();
        after.setAttribute("aria-expanded", "false");
        return;
      }
      const form = renderForm(filterForm(view, filters), view);
      after.parentElement!.after(form);
      after.setAttribute("aria-expanded", "true");
      form.querySelector("select")?.focus();
    },
    escalate: () => view.act({ type: "start", intent: "stylist_contact" }, s.start_stylist),
    focusInput: () => input.focus(),
    money(amount, currency) {
      const whole = Math.round(amount * 100) % 100 === 0;
      const key = `${currency}|${whole}`;
      let f = moneyFormats.get(key);
      if (!f) {
        try {
          f = new Intl.NumberFormat(settings.locale, {
            style: "currency",
            currency,
            ...(whole ? { maximumFractionDigits: 0 } : {}),
          });
        } catch {
          f = new Intl.NumberFormat(settings.locale);
        }
        moneyFormats.set(key, f);
      }
      return f.format(amount);
    },
    date(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(settings.locale, { dateStyle: "medium" });
    },
    track: (name, props) => analytics.track(name, props),
  };

  // ---------- transcript ----------
  async function restore(): Promise<void> {
    if (!conversationId) {
      greet(true);
      return;
    }
    busy(true);
    try {
      const { conversation } = await api.get<{
        conversation: { messages: StoredMessage[]; state?: { escalated?: boolean; filters?: Record<string, unknown> } };
      }>(`conversations/${encodeURIComponent(conversationId)}`, { visitorId });
      greet(false);
      filters = conversation.state?.filters ?? {};
      for (const m of conversation.messages) addMessage(m);
      ctx.setUnread(0);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setConversation(null);
        greet(true);
      } else {
        showError(error, () => void (restored = restore()));
      }
    } finally {
      busy(false);
    }
  }

  /** While a stylist is involved, new agent replies show up without a reload. */
  function startPolling(): void {
    if (poll) return;
    poll = setInterval(async () => {
      if (!opened || !conversationId || document.visibilityState !== "visible") return;
      try {
        const { conversation } = await api.get<{ conversation: { messages: StoredMessage[] } }>(
          `conversations/${encodeURIComponent(conversationId)}`,
          { visitorId },
        );
        for (const m of conversation.messages) if (m.role === "agent") addMessage(m);
        ctx.setUnread(0);
      } catch {
        // the next tick tries again
      }
    }, POLL_MS);
  }

  // ---------- header actions ----------
  function toggleMenu(force?: boolean): void {
    const show = force ?? menu.hidden;
    menu.hidden = !show;
    menuButton.setAttribute("aria-expanded", String(show));
    if (!show) return;
    const del = h("button", { type: "button", class: "btn", onclick: () => confirmDelete() }, s.delete_chat);
    menu.replaceChildren(del, h("a", { class: "btn", href: `${cartRoot}/policies/privacy-policy` }, s.privacy));
    del.focus();
  }

  function confirmDelete(): void {
    const yes = h("button", { type: "button", class: "pri", onclick: () => void erase() }, s.delete_yes);
    menu.replaceChildren(
      h("p", { id: `${menuId}-q` }, s.delete_confirm),
      yes,
      h("button", { type: "button", class: "btn", onclick: () => toggleMenu(false) }, s.cancel),
    );
    yes.focus();
  }

  async function erase(): Promise<void> {
    const id = conversationId;
    const ok = id
      ? await attempt(async () => {
          await api.del(`conversations/${encodeURIComponent(id)}`, { visitorId });
        })
      : true;
    if (!ok) return;
    analytics.track("conversation_deleted");
    setConversation(null);
    seen.clear();
    sub.hidden = true;
    log.replaceChildren();
    toggleMenu(false);
    add(bubble(s.deleted, "concierge", view));
    greet(true);
    input.focus();
  }

  let drawer: HTMLElement | null = null;
  function openDrawer(shared: ProductCard[] | null): void {
    drawer?.remove();
    drawer = shortlistDrawer(view, shortlist, shared, () => {
      drawer?.remove();
      drawer = null;
      savedButton.focus();
    });
    panel.append(drawer);
    drawer.querySelector<HTMLElement>("h2")?.focus();
  }

  async function showShared(id: string): Promise<void> {
    try {
      const { shortlist: shared } = await api.get<{ shortlist: { products: ProductCard[] } }>(
        `shortlist/${encodeURIComponent(id)}`,
      );
      openDrawer(shared.products);
    } catch {
      openDrawer([]);
    }
  }

  // ---------- open, close, keys ----------
  function setInert(on: boolean): void {
    if (on) {
      inerted = [...document.body.children].filter((el) => el !== host && !(el as HTMLElement).inert);
      for (const el of inerted) (el as HTMLElement).inert = true;
    } else {
      for (const el of inerted) (el as HTMLElement).inert = false;
      inerted = [];
    }
  }

  function open(): void {
    if (opened) return;
    opened = true;
    panel.hidden = false;
    host.classList.add("open");
    const mobile = matchMedia(MOBILE).matches;
    panel.setAttribute("aria-modal", String(mobile));
    if (mobile) setInert(true);
    ctx.onToggle(true);
    restored ??= restore();
    input.focus();
    analytics.track("widget_open");
    if (ctx.sharedShortlist) {
      const id = ctx.sharedShortlist;
      ctx.sharedShortlist = null;
      void restored.then(() => showShared(id));
    }
  }

  function close(): void {
    if (!opened) return;
    opened = false;
    panel.hidden = true;
    host.classList.remove("open");
    setInert(false);
    ctx.onToggle(false);
    launcher.focus();
    analytics.track("widget_close");
  }

  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    if (drawer) {
      drawer.remove();
      drawer = null;
      savedButton.focus();
    } else if (!menu.hidden) {
      toggleMenu(false);
      menuButton.focus();
    } else {
      close();
    }
  });
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void say(text, text, { text });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  return { open, close, isOpen: () => opened };
}
