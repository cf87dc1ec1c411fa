// The launcher: the only code every storefront page loads (deferred, ≤ 3 KB gzip). It asks whether this visitor
// may see the concierge (cached ≤ 20 s per tab), draws one fixed button in an open shadow root, and loads the
// panel bundle on the first sign of intent. Nothing is drawn when the concierge is off: no flash, no layout shift.

import { STORAGE, type Panel, type PanelFactory, type Settings, type WidgetConfig } from "./types";

/** The config call is the app's highest-volume request; the server caches 5 s, so a kill lands within 25 s. */
const CONFIG_TTL_MS = 20_000;

type Api = { open(): void; close(): void; hide(): void; show(): void };
const win = window as unknown as {
  AuroraConcierge?: Api;
  __auroraConciergePanel?: PanelFactory;
};

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null; // storage blocked (privacy mode, sandboxed frame)
  }
}
function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // storage blocked or full: the widget still works for this page
  }
}
const local = () => localStorage;
const session = () => sessionStorage;

function randomId(): string {
  const c = crypto as Crypto & { randomUUID?: () => string };
  return c.randomUUID ? c.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
}

/** Black or white, whichever reads at ≥ 4.5:1 on the accent. */
function onAccent(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return l > 0.179 ? "#1f1f1f" : "#fff";
}

async function loadConfig(
  settings: Settings,
  visitorId: string,
  conversationId: string | null,
  preview: string | null,
) {
  try {
    const entry = JSON.parse(read(session, STORAGE.config) ?? "null") as {
      at: number;
      c: string | null;
      p: string | null;
      v: WidgetConfig;
    } | null;
    // The cache never outlives 20 s, nor a clock moved backwards.
    const age = entry ? Date.now() - entry.at : -1;
    if (entry && age >= 0 && age < CONFIG_TTL_MS && entry.c === conversationId && entry.p === preview) return entry.v;
  } catch {
    // a damaged entry: ask the server
  }
  // Ask only once the page has loaded: the request then never competes with the theme's hero image (LCP).
  if (document.readyState !== "complete") await new Promise((r) => addEventListener("load", r, { once: true }));
  const query = new URLSearchParams({ visitorId });
  if (conversationId) query.set("conversationId", conversationId);
  if (preview) query.set("preview", preview);
  const res = await fetch(`${settings.proxy}/config?${query}`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(String(res.status));
  const config = (await res.json()) as WidgetConfig;
  write(session, STORAGE.config, JSON.stringify({ at: Date.now(), c: conversationId, p: preview, v: config }));
  return config;
}

const CSS =
  ":host{all:initial;font-family:inherit;position:fixed;z-index:2147483000;bottom:var(--ac-offset);right:16px}" +
  ":host(.left){right:auto;left:16px}:host([hidden]){display:none}" +
  ".l{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:8px;min-width:56px;height:56px;padding:0 16px;" +
  "border-radius:999px;background:var(--ac-accent);color:var(--ac-on-accent);cursor:pointer;font:600 15px/1 inherit;" +
  "box-shadow:0 2px 10px rgba(0,0,0,.18);position:relative;justify-content:center}" +
  ".l:focus-visible{outline:3px solid var(--ac-accent);outline-offset:3px}" +
  ".l svg{width:24px;height:24px;flex:none}.t{display:none}" +
  "@media (min-width:481px){.t{display:inline}}" +
  ".b{position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#c2410c;border:2px solid #fff}" +
  "[hidden]{display:none!important}";

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="1.8" ' +
  'stroke-linejoin="round" d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A2.5 2.5 0 0 1 4 13.5z"/></svg>';

async function start(settings: Settings): Promise<void> {
  const s = settings.strings;
  let visitorId = read(local, STORAGE.visitor);
  if (!visitorId) {
    visitorId = randomId();
    write(local, STORAGE.visitor, visitorId);
  }
  const params = new URLSearchParams(location.search);
  const preview = params.get("concierge_preview") ?? read(session, STORAGE.preview);
  if (preview) write(session, STORAGE.preview, preview);
  const shared = params.get("concierge_shortlist");

  let config: WidgetConfig;
  try {
    config = await loadConfig(settings, visitorId, read(local, STORAGE.conversation), preview);
  } catch {
    return; // the concierge stays out of the way when it cannot be reached
  }
  if (!config.enabled) return;

  // The block's settings win; where it leaves one empty (or at its default, "right") the admin's applies (ADR 0005).
  const look = config.appearance ?? {};
  const hex = (v?: string | null) => (/^#[0-9a-f]{6}$/i.test(v ?? "") ? v! : "");
  const label = settings.label?.trim() || look.launcherLabel?.trim();
  settings = {
    ...settings,
    position: settings.position === "left" || look.position === "bottom-left" ? "left" : "right",
    label,
    greeting: settings.greeting?.trim() || look.greeting?.trim(),
  };
  const host = document.createElement("div");
  host.id = "aurora-concierge";
  if (settings.position === "left") host.className = "left";
  const accent = hex(settings.accent) || hex(look.accentColor) || "#1f1f1f";
  host.style.setProperty("--ac-accent", accent);
  host.style.setProperty("--ac-on-accent", onAccent(accent));
  host.style.setProperty("--ac-offset", `${Math.max(0, Math.min(400, Number(settings.offset ?? 20)))}px`);
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = CSS;
  const button = document.createElement("button");
  button.className = "l";
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  const name = label || s.launcher;
  button.innerHTML = ICON;
  const text = document.createElement("span");
  text.className = "t";
  text.textContent = name;
  if (label) button.append(text);
  const badge = document.createElement("span");
  badge.className = "b";
  button.append(badge);
  root.append(style, button);

  const setUnread = (count: number) => {
    badge.hidden = count <= 0;
    button.setAttribute("aria-label", count > 0 ? `${name} (${count} ${s.unread})` : name);
  };
  setUnread(config.unread ?? 0);

  let panel: Promise<Panel> | null = null;
  const load = () =>
    (panel ??= new Promise<Panel>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = settings.panel;
      script.async = true;
      script.onload = () =>
        resolve(
          win.__auroraConciergePanel!({
            settings,
            config,
            visitorId: visitorId!,
            root,
            host,
            launcher: button,
            setUnread: (count) => {
              setUnread(count);
              const cached = read(session, STORAGE.config);
              if (cached)
                write(
                  session,
                  STORAGE.config,
                  JSON.stringify({ ...JSON.parse(cached), v: { ...config, unread: count } }),
                );
            },
            onToggle: (open) => {
              button.setAttribute("aria-expanded", String(open));
              write(session, STORAGE.open, open ? "1" : null);
            },
            sharedShortlist: shared,
          }),
        );
      script.onerror = () => {
        panel = null;
        reject(new Error("panel failed to load"));
      };
      document.head.append(script);
    }));
  const open = () =>
    void load().then(
      (p) => p.open(),
      () => undefined,
    );
  const close = () => void panel?.then((p) => p.close());

  for (const intent of ["pointerenter", "focus", "touchstart"]) {
    button.addEventListener(intent, () => void load().catch(() => undefined), { once: true, passive: true });
  }
  button.addEventListener("click", () =>
    panel ? void panel.then((p) => (p.isOpen() ? p.close() : p.open())) : open(),
  );

  win.AuroraConcierge = {
    open,
    close,
    hide: () => {
      close();
      host.hidden = true;
    },
    show: () => {
      host.hidden = false;
    },
  };
  document.body.append(host);
  if (read(session, STORAGE.open) === "1" || shared) open();
}

const element = document.getElementById("aurora-concierge-settings");
if (element && !win.AuroraConcierge) {
  try {
    void start(JSON.parse(element.textContent ?? "") as Settings);
  } catch {
    // malformed settings: stay out of the page
  }
}
