// The Message vocabulary the widget renders (API.md §2), and the actions its buttons send back.
// Shared as types with the widget: it imports nothing else from app/.

import type { Category, Metal, ProductFilters } from "./understanding/types";

export interface ProductCard {
  id: string;
  handle: string;
  title: string;
  price: number;
  compareAtPrice?: number;
  currency: string;
  imageUrl?: string;
  imageAlt?: string;
  category: Category;
  metal?: Metal;
  readyToShip: boolean;
  shippingPromise?: string;
  url: string;
  variantId?: string;
  /** Why it was suggested, in a few words ("Ready to ship · within budget"). */
  why?: string;
  soldOut?: boolean;
}

/** What a button sends back as `action` in POST /proxy/messages. */
export type Action =
  | {
      type: "start";
      intent:
        | "find_product"
        | "track_order"
        | "return_exchange"
        | "sizing"
        | "care_warranty"
        | "financing"
        | "stylist_contact"
        | "customization"
        | "faq";
      /** For return_exchange: which kind of request to start. */
      option?: ReturnOptionName;
    }
  | { type: "search"; filters: ProductFilters }
  | { type: "more" }
  | { type: "order_lookup"; orderNumber: string; email?: string; postalCode?: string }
  | {
      type: "return_preview";
      orderNumber: string;
      email?: string;
      postalCode?: string;
      option: ReturnOptionName;
      lineItemId?: string;
    }
  | { type: "shortlist_add"; productId: string }
  | { type: "shortlist_remove"; productId: string }
  | { type: "csat"; rating: number; comment?: string }
  | { type: "faq"; topic: string };

export type ReturnOptionName = "return" | "resize" | "exchange" | "care";

export interface QuickReply {
  label: string;
  action: Action;
}

export interface FormField {
  name: string;
  label: string;
  kind: "text" | "email" | "tel" | "number" | "select" | "textarea" | "hidden";
  required: boolean;
  autocomplete?: string;
  options?: { value: string; label: string }[];
  value?: string | number;
  hint?: string;
}

export interface OrderView {
  number: string;
  name: string;
  status: string;
  placedAt: string;
  timeline: { status: string; label: string; at?: string; state: "done" | "current" | "upcoming" }[];
  shipping: { carrier?: string; trackingNumber?: string; trackingUrl?: string; estimatedDelivery?: string };
  items: { id: string; title: string; quantity: number; ringSize?: number }[];
}

export interface TicketView {
  id: string;
  number: number;
  status: string;
  expectedReplyBy: string;
  expectedReplyText?: string;
}

interface Base {
  id: string;
}

export type Message = Base &
  (
    | { type: "text"; text: string; role?: "concierge" | "agent"; /** Agent replies: who wrote it. */ author?: string }
    | { type: "product_cards"; text?: string; products: ProductCard[]; relaxations?: QuickReply[]; hasMore?: boolean }
    | { type: "order_status"; order: OrderView; text?: string }
    | {
        type: "form";
        form: "escalation" | "order_lookup" | "return" | "product_filter";
        title: string;
        fields: FormField[];
        /** For forms posted to their own endpoint, `endpoint` names it; otherwise the action goes to messages. */
        submitAction: { type: string; endpoint?: string };
        /** Hidden context the widget sends back with the form. */
        context?: Record<string, unknown>;
      }
    | {
        type: "return_eligibility";
        eligible: boolean;
        reason?: string;
        text: string;
        option: ReturnOptionName;
        order: { number: string };
        items: { id: string; title: string; eligible: boolean; reason?: string; deadline?: string }[];
      }
    | { type: "csat"; question: string; scale: [1, 5] }
    | { type: "quick_replies"; text?: string; replies: QuickReply[] }
    | { type: "handoff"; ticket: TicketView; text: string }
  );

export type MessageType = Message["type"];
