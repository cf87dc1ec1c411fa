// The dev storefront (local mode only): a small jewelry theme over the demo catalog that renders the real app
// embed block, emulates Shopify's app proxy (/apps/concierge/*) and Ajax cart (/cart.js, /cart/add.js,
// /cart/update.js), and lets a visitor "log in" as a demo customer. It is how the product is seen in one command
// and what the browser tests drive. Paths it does not own fall through to the app (next()).

import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { demoCustomers } from "~/demo/catalog";
import { LOCAL_DEMO_SHOP, type Runtime } from "~/platform/runtime.server";
import { forwardToApp, PROXY_PREFIX } from "./appProxy.server";
import { addLine, cartJson, CartError, getCart, newCartToken, updateCart } from "./cart.server";
import { ASSET_PREFIX, createLiquid, EXTENSION_DIR } from "./liquid.server";
import { pageFor, type PageRequest } from "./pages.server";
import { HERO_SVG, heavyThemeJs, heroPng, THEME_CSS } from "./themeAssets.server";
import { LOCALE_NAMES, LOCALES, THEME_STRINGS } from "./themeStrings";
import account from "./theme/account.liquid?raw";
import cart from "./theme/cart.liquid?raw";
import collection from "./theme/collection.liquid?raw";
import grid from "./theme/grid.liquid?raw";
import index from "./theme/index.liquid?raw";
import layout from "./theme/layout.liquid?raw";
import login from "./theme/login.liquid?raw";
import page from "./theme/page.liquid?raw";
import product from "./theme/product.liquid?raw";

type Next = (error?: unknown) => void;
export type DevStorefront = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const TEMPLATES = { account, cart, collection, grid, index, layout, login, page, product };
const MAX_FORM = 16 * 1024;

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function readSmallBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      data += chunk;
      if (data.length > MAX_FORM) {
        reject(new CartError(413, "Request too large"));
        req.destroy();
      }
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

/** Text responses compressed like a CDN would (the performance measurements depend on realistic transfer sizes). */
function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  let payload = typeof body === "string" ? Buffer.from(body) : body;
  const out: Record<string, string> = { "content-type": type, vary: "accept-encoding", ...headers };
  if (!type.startsWith("image/png") && /\bbr\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    payload = brotliCompressSync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    out["content-encoding"] = "br";
  }
  out["content-length"] = String(payload.length);
  res.writeHead(status, out);
  res.end(req.method === "HEAD" ? undefined : payload);
}

const json = (req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers = {}) =>
  send(req, res, status, "application/json; charset=utf-8", JSON.stringify(value), headers);

function redirect(res: ServerResponse, to: string, cookie?: string): void {
  res.writeHead(303, { location: to, ...(cookie ? { "set-cookie": cookie } : {}) });
  res.end();
}

export function createDevStorefront(runtime: Runtime): DevStorefront {
  const liquid = createLiquid(THEME_STRINGS, TEMPLATES);
  const parsed = Object.fromEntries(Object.entries(TEMPLATES).map(([name, src]) => [name, liquid.engine.parse(src)]));
  const shop = LOCAL_DEMO_SHOP;
  let heavyJs: Buffer | null = null;
  let heroImage: Buffer | null = null;

  function cartOf(req: IncomingMessage, res: ServerResponse) {
    let token = cookies(req).cart;
    if (!token || !/^[0-9a-f]{24}$/.test(token)) {
      token = newCartToken();
      res.setHeader("set-cookie", `cart=${token}; Path=/; HttpOnly; SameSite=Lax`);
    }
    return getCart(token);
  }

  function customerId(req: IncomingMessage): string | null {
    const id = cookies(req).customer;
    return id && demoCustomers().some((c) => c.id === id) ? id : null;
  }

  async function renderPage(req: IncomingMessage, res: ServerResponse, request: PageRequest): Promise<void> {
    const shopRow = await runtime.store.shops.get(shop);
    const found = await pageFor(runtime, request);
    const currentCart = cartJson(cartOf(req, res), shopRow?.currency ?? "USD");
    const scope = {
      ...found.scope,
      shop: {
        name: shopRow?.name ?? "Aurora Demo",
        currency: shopRow?.currency ?? "USD",
        email: "stylists@aurora-demo.example",
      },
      request: { locale: { iso_code: request.locale }, path: request.path },
      routes: { root_url: request.base || "/" },
      shopify_root: `${request.base}/`,
      base: request.base,
      template: { name: found.template },
      cart: currentCart,
      customer: request.customer
        ? {
            id: request.customer.id,
            first_name: request.customer.firstName,
            last_name: request.customer.lastName,
            email: request.customer.email,
          }
        : null,
      heavy: request.heavy,
      consent_given: Boolean(cookies(req).consent),
      locales: LOCALES.map((code) => ({
        iso: code,
        name: LOCALE_NAMES[code],
        url: `${code === "en" ? "" : `/${code}`}${request.path}`,
      })),
      instance: {
        mode: runtime.env.mode === "local" ? "local mode" : "Shopify mode",
        store: runtime.store.kind === "sqlite" ? "SQLite" : "MongoDB",
        version: runtime.version,
      },
    };
    const content = await liquid.engine.render(parsed[found.template], scope);
    // Shopify renders enabled app embeds just before </body>; `?concierge=off` is the embed switched off.
    const appEmbeds = request.embed ? liquid.renderBlock(scope) : "";
    const html = await liquid.engine.render(parsed.layout, {
      ...scope,
      page_title: found.title,
      content_for_layout: content,
      app_embeds: appEmbeds,
    });
    send(req, res, found.status, "text/html; charset=utf-8", html, { "cache-control": "no-store" });
  }

  function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): void {
    const file = join(EXTENSION_DIR, "assets", name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file) || !statSync(file).isFile()) {
      send(req, res, 404, "text/plain", "Not found");
      return;
    }
    const type = name.endsWith(".js")
      ? "text/javascript; charset=utf-8"
      : name.endsWith(".css")
        ? "text/css"
        : "application/octet-stream";
    send(req, res, 200, type, readFileSync(file), {
      "cache-control": "public, max-age=31536000, immutable",
      "access-control-allow-origin": "*",
    });
  }

  function serveTheme(req: IncomingMessage, res: ServerResponse, name: string): boolean {
    const cache = { "cache-control": "public, max-age=3600" };
    if (name === "theme.css") send(req, res, 200, "text/css; charset=utf-8", THEME_CSS, cache);
    else if (name === "hero.svg") send(req, res, 200, "image/svg+xml", HERO_SVG, cache);
    else if (name === "vendor.js")
      send(req, res, 200, "text/javascript; charset=utf-8", (heavyJs ??= Buffer.from(heavyThemeJs())), cache);
    else if (name === "hero-large.png") send(req, res, 200, "image/png", (heroImage ??= heroPng()), cache);
    else return false;
    return true;
  }

  async function cartApi(req: IncomingMessage, res: ServerResponse, action: string, base: string): Promise<void> {
    const currency = (await runtime.store.shops.get(shop))?.currency ?? "USD";
    const current = cartOf(req, res);
    if (action === "cart.js" && req.method === "GET") return json(req, res, 200, cartJson(current, currency));
    if (req.method !== "POST") return json(req, res, 405, { status: 405, message: "Method not allowed" });
    const raw = await readSmallBody(req);
    const form = (req.headers["content-type"] ?? "").includes("application/json");
    let body: Record<string, unknown>;
    try {
      body = form ? (JSON.parse(raw || "{}") as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      return json(req, res, 400, { status: 400, message: "Bad request", description: "Invalid JSON" });
    }
    if (action === "cart/update.js") {
      updateCart(current, body);
      return json(req, res, 200, cartJson(current, currency));
    }
    // cart/add.js and the theme's form post to cart/add: one item or `items: [...]`.
    const items = Array.isArray(body.items) ? (body.items as Record<string, unknown>[]) : [body];
    const added = [];
    for (const item of items.slice(0, 50)) {
      const variantId = String(item.id ?? "");
      added.push(addLine(current, await productForVariant(variantId), variantId, Number(item.quantity ?? 1)));
    }
    if (action === "cart/add") return redirect(res, `${base}/cart`);
    return json(req, res, 200, Array.isArray(body.items) ? { items: added } : added[0]);
  }

  /** Variant ids are opaque: find the product that has it (64 demo products, so a scan is fine). */
  async function productForVariant(variantId: string) {
    const page = await runtime.store.products.find(shop, {}, { limit: 100 });
    return page.items.find((p) => p.variants.some((v) => v.id === variantId)) ?? null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    const url = new URL(req.url ?? "/", "http://storefront.local");
    let path = url.pathname;
    if (path === PROXY_PREFIX || path.startsWith(`${PROXY_PREFIX}/`)) {
      return forwardToApp(req, res, { shop, customerId: customerId(req), secret: runtime.proxySecret });
    }
    if (path.startsWith(ASSET_PREFIX)) return serveAsset(req, res, decodeURIComponent(path.slice(ASSET_PREFIX.length)));
    if (path.startsWith("/theme/") && serveTheme(req, res, path.slice(7))) return;

    const localeMatch = /^\/(fr|es|de)(?=\/|$)/.exec(path);
    const locale = localeMatch?.[1] ?? "en";
    const base = localeMatch ? `/${locale}` : "";
    if (localeMatch) path = path.slice(base.length) || "/";

    if (
      path === "/cart.js" ||
      path === "/cart/add.js" ||
      path === "/cart/update.js" ||
      (path === "/cart/add" && req.method === "POST")
    ) {
      try {
        return await cartApi(req, res, path.slice(1), base);
      } catch (error) {
        if (error instanceof CartError)
          return json(req, res, error.status, {
            status: error.status,
            message: "Cart Error",
            description: error.description,
          });
        throw error;
      }
    }
    if (path === "/account/login" && req.method === "POST") {
      const id = new URLSearchParams(await readSmallBody(req)).get("customer") ?? "";
      if (!demoCustomers().some((c) => c.id === id)) return redirect(res, `${base}/account/login`);
      return redirect(res, `${base}/account`, `customer=${id}; Path=/; HttpOnly; SameSite=Lax`);
    }
    if (path === "/account/logout" && req.method === "POST") {
      return redirect(res, `${base}/`, "customer=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const isPage =
      path === "/" ||
      /^\/(collections|products)\/[^/]+$/.test(path) ||
      ["/cart", "/account", "/account/login", "/policies/privacy-policy"].includes(path);
    if (!isPage) return next();
    const customer = customerId(req);
    if (path === "/account" && !customer) return redirect(res, `${base}/account/login`);
    return renderPage(req, res, {
      path,
      base,
      locale,
      customerId: customer,
      customer: customer ? (demoCustomers().find((c) => c.id === customer) ?? null) : null,
      heavy: url.searchParams.get("theme") === "heavy",
      embed: url.searchParams.get("concierge") !== "off",
    });
  }

  return (req, res, next) => {
    handle(req, res, next).catch((error: unknown) => {
      runtime.logger.error({ err: error }, "dev storefront failed");
      if (!res.headersSent) send(req, res, 500, "text/plain", "The dev storefront failed; see the server log.");
    });
  };
}
