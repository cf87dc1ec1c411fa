// What the launcher and the panel share: the block's settings, the config answer, and the panel's entry point.
// Types and storage keys only, so the launcher bundle stays tiny.

export type Strings = Record<string, string>;

/** The app embed block's JSON element (extensions/concierge-widget/blocks/concierge.liquid). */
export interface Settings {
  /** The app proxy path on the shop's domain, e.g. "/apps/concierge". */
  proxy: string;
  /** URL of the panel bundle (asset_url). */
  panel: string;
  /** routes.root_url: "/" or a locale prefix such as "/fr". */
  root: string;
  /** request.locale.iso_code, e.g. "fr". */
  locale: string;
  loggedIn: boolean;
  /** shop.email, for the "Email a stylist" fallback. */
  email?: string | null;
  position?: "left" | "right";
  offset?: number;
  accent?: string | null;
  label?: string | null;
  greeting?: string | null;
  strings: Strings;
}

/** GET /proxy/config (API.md §2), plus `unread` when a conversation id was given. */
export interface WidgetConfig {
  enabled: boolean;
  reason?: string;
  /** The admin's Settings → Widget appearance; applied where the block leaves a setting empty (ADR 0005). */
  appearance?: { accentColor?: string; position?: string; launcherLabel?: string; greeting?: string };
  currency?: string;
  unread?: number;
}

export interface PanelContext {
  settings: Settings;
  config: WidgetConfig;
  visitorId: string;
  /** The open shadow root the panel renders into (the launcher lives there too). */
  root: ShadowRoot;
  host: HTMLElement;
  launcher: HTMLButtonElement;
  /** Shows or clears the launcher's unread badge. */
  setUnread(count: number): void;
  /** Called by the panel whenever it opens or closes (the launcher keeps aria-expanded and the open flag). */
  onToggle(open: boolean): void;
  /** A shortlist id from a shared link, to show once the panel opens. */
  sharedShortlist: string | null;
}

export interface Panel {
  open(): void;
  close(): void;
  isOpen(): boolean;
}

export type PanelFactory = (ctx: PanelContext) => Panel;

/** Keys in localStorage / sessionStorage. */
export const STORAGE = {
  visitor: "aurora-concierge:visitor",
  conversation: "aurora-concierge:conversation",
  config: "aurora-concierge:config",
  open: "aurora-concierge:open",
  shortlist: "aurora-concierge:shortlist",
  preview: "aurora-concierge:preview",
} as const;
