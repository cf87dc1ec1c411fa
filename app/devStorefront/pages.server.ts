// What each dev-storefront page shows: the template to render and its data, from the app's own store.

import type { Category } from "~/concierge/understanding/types";
import type { Runtime } from "~/platform/runtime.server";
import { LOCAL_DEMO_SHOP } from "~/platform/runtime.server";
import type { Customer, Product } from "~/store/port";
import { THEME_STRINGS } from "./themeStrings";

export interface PageRequest {
  path: string;
  /** "" or a locale prefix such as "/fr". */
  base: string;
  locale: string;
  customerId: string | null;
  customer: Customer | null;
  /** `?theme=heavy`: realistic theme weight for performance measurements. */
  heavy: boolean;
  /** `?concierge=off`: the app embed switched off (performance baseline). */
  embed: boolean;
}

export interface FoundPage {
  template: "index" | "collection" | "product" | "cart" | "login" | "account" | "page";
  title: string;
  status: number;
  scope: Record<string, unknown>;
}

const COLLECTIONS: Record<string, { category?: Category; key: string }> = {
  all: { key: "theme.all" },
  rings: { category: "ring", key: "theme.ring" },
  necklaces: { category: "necklace", key: "theme.necklace" },
  earrings: { category: "earring", key: "theme.earring" },
  bracelets: { category: "bracelet", key: "theme.bracelet" },
};

function card(p: Product) {
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    price: p.price,
    compare_at_price: p.compareAtPrice && p.compareAtPrice > p.price ? p.compareAtPrice : null,
    image: p.images[0]?.url ?? "",
    image_alt: p.images[0]?.alt ?? p.title,
    ready_to_ship: p.readyToShip,
  };
}

async function allProducts(runtime: Runtime, category?: Category): Promise<Product[]> {
  const page = await runtime.store.products.find(LOCAL_DEMO_SHOP, category ? { category } : {}, { limit: 100 });
  return page.items;
}

const notFound = (t: (key: string) => string): FoundPage => ({
  template: "page",
  title: "404",
  status: 404,
  scope: { page: { title: "404", body: t("theme.not_found") } },
});

export async function pageFor(runtime: Runtime, request: PageRequest): Promise<FoundPage> {
  const { path } = request;
  const t = (key: string) => THEME_STRINGS[request.locale]?.[key] ?? THEME_STRINGS.en[key] ?? key;
  if (path === "/") {
    const products = await allProducts(runtime);
    const featured = products.filter((p) => p.featured).slice(0, 8);
    const categories = Object.entries(COLLECTIONS)
      .filter(([, c]) => c.category)
      .map(([handle, c]) => ({
        handle,
        key: c.key,
        image: products.find((p) => p.category === c.category)?.images[0]?.url ?? "",
      }));
    return {
      template: "index",
      title: t("theme.tagline"),
      status: 200,
      scope: { featured: (featured.length ? featured : products.slice(0, 8)).map(card), categories },
    };
  }
  const collection = /^\/collections\/([^/]+)$/.exec(path);
  if (collection) {
    const c = COLLECTIONS[collection[1]];
    if (!c) return notFound(t);
    const products = (await allProducts(runtime, c.category)).map(card);
    return {
      template: "collection",
      title: t(c.key),
      status: 200,
      scope: { collection: { title: t(c.key), count: products.length, products } },
    };
  }
  const productPath = /^\/products\/([^/]+)$/.exec(path);
  if (productPath) {
    const p = await runtime.store.products.getByHandle(LOCAL_DEMO_SHOP, decodeURIComponent(productPath[1]));
    if (!p || p.status !== "active") return notFound(t);
    return {
      template: "product",
      title: p.title,
      status: 200,
      scope: {
        product: {
          ...card(p),
          description: p.description,
          shipping_promise: p.shippingPromise,
          available: p.variants.some((v) => v.available),
          variants: p.variants.map((v) => ({ id: v.id, title: v.title, available: v.available })),
        },
      },
    };
  }
  if (path === "/cart") return { template: "cart", title: t("theme.your_cart"), status: 200, scope: {} };
  if (path === "/account/login") {
    const { demoCustomers } = await import("~/demo/catalog");
    return {
      template: "login",
      title: t("theme.login_title"),
      status: 200,
      scope: {
        demo_customers: demoCustomers()
          .slice(0, 6)
          .map((c) => ({ id: c.id, first_name: c.firstName, last_name: c.lastName, email: c.email })),
      },
    };
  }
  if (path === "/account" && request.customerId) {
    const orders = await runtime.store.orders.listByCustomer(LOCAL_DEMO_SHOP, request.customerId, { limit: 20 });
    return {
      template: "account",
      title: t("theme.account"),
      status: 200,
      scope: {
        orders: orders.items.map((o) => ({ number: o.number, status: o.status.replace(/_/g, " "), total: o.total })),
      },
    };
  }
  if (path === "/policies/privacy-policy") {
    return {
      template: "page",
      title: t("theme.privacy"),
      status: 200,
      scope: { page: { title: t("theme.privacy"), body: t("theme.privacy_text") } },
    };
  }
  return notFound(t);
}
