// Analytics events, sent only when Shopify's Customer Privacy API says analytics processing is allowed.
// Without that answer nothing leaves the page; the concierge itself works either way. No free text, ever.

import type { Api } from "./api";

interface CustomerPrivacy {
  analyticsProcessingAllowed?: () => boolean;
}
type ShopifyGlobal = {
  customerPrivacy?: CustomerPrivacy;
  loadFeatures?: (features: { name: string; version: string }[], cb: (error?: unknown) => void) => void;
};

const FLUSH_MS = 4_000;

function shopify(): ShopifyGlobal | undefined {
  return (window as unknown as { Shopify?: ShopifyGlobal }).Shopify;
}

export function analyticsAllowed(): boolean {
  try {
    return shopify()?.customerPrivacy?.analyticsProcessingAllowed?.() === true;
  } catch {
    return false;
  }
}

export function createAnalytics(api: Api, visitorId: string) {
  let queue: { name: string; at: string; props?: Record<string, string | number | boolean> }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const s = shopify();
  // The API may not be loaded on this theme yet: ask Shopify for it once.
  if (s && !s.customerPrivacy && s.loadFeatures) {
    try {
      s.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], () => undefined);
    } catch {
      // no consent API: nothing is sent
    }
  }

  function flush(): void {
    timer = null;
    const events = queue.splice(0, 50);
    queue = [];
    if (!events.length || !analyticsAllowed()) return;
    api
      .post("events", { visitorId, events }, `ev-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`)
      .catch(() => undefined);
  }

  addEventListener("pagehide", flush);
  return {
    track(name: string, props?: Record<string, string | number | boolean>): void {
      queue.push({ name, at: new Date().toISOString(), ...(props ? { props } : {}) });
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush,
  };
}
