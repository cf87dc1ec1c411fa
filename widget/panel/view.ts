// What every renderer may ask of the panel: strings, formatting, and the shopper's actions.

import type { Action, Message, ProductCard } from "../../app/concierge/messages";
import type { Settings, Strings } from "../types";

export type FormMessage = Extract<Message, { type: "form" }>;

export interface View {
  s: Strings;
  settings: Settings;
  /** A tapped button: shown as the shopper's line, sent as `action`. */
  act(action: Action, label: string): void;
  /** Submits a form; resolves true when it went through (the form then locks). */
  submit(form: FormMessage, values: Record<string, string>): Promise<boolean>;
  addToCart(card: ProductCard): Promise<void>;
  isSaved(id: string): boolean;
  toggleSave(card: ProductCard): boolean;
  /** Shows the product filter form under the given element. */
  refine(after: HTMLElement): void;
  escalate(): void;
  /** Puts focus back in the message box (after a form or a rating is spent). */
  focusInput(): void;
  money(amount: number, currency: string): string;
  date(iso: string): string;
  track(name: string, props?: Record<string, string | number | boolean>): void;
}
