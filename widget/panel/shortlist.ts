// The shortlist: pieces the shopper saved (kept in this browser), a drawer to see them, and a share link.
// Saved ids also reach the conversation on the server, so a stylist sees them with an escalation.

import type { ProductCard } from "../../app/concierge/messages";
import { STORAGE } from "../types";
import { newKey, type Api } from "./api";
import { productCards } from "./cards";
import { h, icon } from "./dom";
import type { View } from "./view";

const MAX = 50;

export function createShortlist(api: Api, visitorId: string, conversationId: () => string | null) {
  let items: ProductCard[] = [];
  try {
    items = JSON.parse(localStorage.getItem(STORAGE.shortlist) ?? "[]") as ProductCard[];
  } catch {
    items = [];
  }
  const listeners = new Set<() => void>();
  let sync: ReturnType<typeof setTimeout> | null = null;

  function persist(): void {
    try {
      localStorage.setItem(STORAGE.shortlist, JSON.stringify(items));
    } catch {
      // storage blocked: the list lives for this page only
    }
    for (const l of listeners) l();
    // Keep the conversation's copy current (debounced: a few taps make one request).
    if (sync) clearTimeout(sync);
    sync = setTimeout(() => void save().catch(() => undefined), 800);
  }

  async function save(): Promise<{ id: string } | null> {
    if (!items.length) return null;
    const conversation = conversationId();
    const body = {
      visitorId,
      productIds: items.map((p) => p.id),
      ...(conversation ? { conversationId: conversation } : {}),
    };
    const { shortlist } = await api.post<{ shortlist: { id: string } }>("shortlist", body, newKey());
    return shortlist;
  }

  return {
    items: () => items,
    has: (id: string) => items.some((p) => p.id === id),
    toggle(card: ProductCard): boolean {
      const saved = !items.some((p) => p.id === card.id);
      items = saved ? [card, ...items].slice(0, MAX) : items.filter((p) => p.id !== card.id);
      persist();
      return saved;
    },
    onChange(listener: () => void) {
      listeners.add(listener);
    },
    save,
  };
}

export type Shortlist = ReturnType<typeof createShortlist>;

/** The drawer over the panel: saved pieces (or pieces someone shared), and the share link. */
export function shortlistDrawer(
  view: View,
  list: Shortlist,
  shared: ProductCard[] | null,
  onClose: () => void,
): HTMLElement {
  const { s } = view;
  const title = shared ? s.shortlist_shared : s.shortlist;
  const body = h("div", { class: "log" });
  const linkBox = h("div", { class: "share" });
  const status = h("p", { class: "hint", role: "status" });

  const render = () => {
    const products = shared ?? list.items();
    body.replaceChildren(products.length ? productCards(products, view) : h("p", null, s.shortlist_empty));
    if (!shared && products.length) {
      body.append(
        h(
          "div",
          { class: "blk" },
          h("button", { type: "button", class: "btn", onclick: share }, s.share),
          linkBox,
          status,
        ),
      );
    }
  };

  async function share(): Promise<void> {
    try {
      const saved = await list.save();
      if (!saved) return;
      const root = view.settings.root.replace(/\/$/, "");
      const url = `${location.origin}${root}/?concierge_shortlist=${encodeURIComponent(saved.id)}`;
      const input = h("input", { type: "text", readonly: true, value: url, "aria-label": s.share });
      linkBox.replaceChildren(input);
      input.select();
      await navigator.clipboard?.writeText(url).catch(() => undefined);
      status.textContent = s.copied;
    } catch {
      status.textContent = s.error;
    }
  }

  render();
  if (!shared) list.onChange(render);
  const drawer = h(
    "div",
    { class: "dr", role: "region", "aria-label": title },
    h(
      "div",
      { class: "hd" },
      h("h2", { tabindex: "-1" }, title),
      h(
        "button",
        { type: "button", class: "ib", "aria-label": `${s.close}: ${title}`, onclick: onClose },
        icon("close"),
      ),
    ),
    body,
  );
  return drawer;
}
