// zod schemas of the storefront API's inputs (API.md §2). Unknown fields are dropped, never trusted.

import { z } from "zod";
import { CATEGORIES, METALS } from "~/concierge/understanding/types";

const token = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9._:-]+$/, "letters, digits and . _ : - only");

export const visitorId = token(128);
export const conversationId = token(100);
export const email = z.email().max(254);
export const postalCode = z
  .string()
  .trim()
  .min(3)
  .max(12)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, "a postal code");
export const orderNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^#?[A-Za-z0-9 -]+$/, "an order number such as #1042");
export const returnOption = z.enum(["return", "resize", "exchange", "care"]);
const ringSize = z.number().min(1).max(16).multipleOf(0.25);
const money = z.number().finite().min(0).max(10_000_000);

export const productFilters = z.object({
  category: z.enum(CATEGORIES).optional(),
  metal: z.enum(METALS).optional(),
  excludeMetals: z.array(z.enum(METALS)).max(METALS.length).optional(),
  excludeCategories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
  priceMin: money.optional(),
  priceMax: money.optional(),
  readyToShip: z.boolean().optional(),
  gift: z.boolean().optional(),
  ringSize: ringSize.optional(),
});

const startIntent = z.enum([
  "find_product",
  "track_order",
  "return_exchange",
  "sizing",
  "care_warranty",
  "financing",
  "stylist_contact",
  "customization",
  "faq",
]);

export const action = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), intent: startIntent, option: returnOption.optional() }),
  z.object({ type: z.literal("search"), filters: productFilters }),
  z.object({ type: z.literal("more") }),
  z.object({
    type: z.literal("order_lookup"),
    orderNumber,
    email: email.optional(),
    postalCode: postalCode.optional(),
  }),
  z.object({
    type: z.literal("return_preview"),
    orderNumber,
    email: email.optional(),
    postalCode: postalCode.optional(),
    option: returnOption,
    lineItemId: token(64).optional(),
  }),
  z.object({ type: z.literal("shortlist_add"), productId: token(64) }),
  z.object({ type: z.literal("shortlist_remove"), productId: token(64) }),
  z.object({
    type: z.literal("csat"),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(1000).optional(),
  }),
  z.object({ type: z.literal("faq"), topic: token(40) }),
]);

/** A BCP 47 tag; replies follow it when it is English, French, Spanish or German. */
export const locale = z
  .string()
  .trim()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag");

export const messageRequest = z
  .object({
    visitorId,
    conversationId: conversationId.optional(),
    text: z.string().trim().min(1).max(1000).optional(),
    action: action.optional(),
    locale: locale.optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.action === undefined), {
    message: "send exactly one of text or action",
    path: ["text"],
  });

export const configQuery = z.object({
  visitorId,
  preview: z.string().max(128).optional(),
  /** The visitor's conversation, if any: the answer then carries its unread agent replies (the launcher's badge). */
  conversationId: conversationId.optional(),
});

const booleanParam = z.enum(["true", "false"]).transform((v) => v === "true");
/** "gold,silver" → ["gold", "silver"]: every member must be one of `values`; repeats are dropped. */
const listParam = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(200)
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(values)).max(values.length));
const moneyParam = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, "a non-negative amount")
  .transform(Number)
  .pipe(money);

export const productsQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    category: z.enum(CATEGORIES).optional(),
    metal: z.enum(METALS).optional(),
    excludeMetals: listParam(METALS).optional(),
    excludeCategories: listParam(CATEGORIES).optional(),
    priceMin: moneyParam.optional(),
    priceMax: moneyParam.optional(),
    readyToShip: booleanParam.optional(),
    cursor: z.string().max(200).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, "a whole number")
      .transform(Number)
      .pipe(z.number().int().min(1).max(50))
      .optional(),
  })
  .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMin <= q.priceMax, {
    message: "priceMin must not be greater than priceMax",
    path: ["priceMin"],
  });

export const orderLookupRequest = z.object({
  orderNumber,
  email: email.optional(),
  postalCode: postalCode.optional(),
  locale: locale.optional(),
});

export const returnRequest = z.object({
  orderNumber,
  email: email.optional(),
  postalCode: postalCode.optional(),
  lineItemId: token(64).optional(),
  option: returnOption,
  reason: z.string().trim().min(1).max(1000),
  newSize: ringSize.optional(),
  conversationId: conversationId.optional(),
  visitorId: visitorId.optional(),
  locale: locale.optional(),
});

export const escalationRequest = z.object({
  conversationId: conversationId.optional(),
  visitorId: visitorId.optional(),
  contact: z.object({
    name: z.string().trim().min(1).max(100),
    email,
    phone: z
      .string()
      .trim()
      .max(32)
      .regex(/^[+0-9 ().-]{5,32}$/, "a phone number")
      .optional(),
  }),
  topic: z.string().trim().min(1).max(64),
  notes: z.string().trim().max(2000).optional(),
  preferredTime: z.string().trim().max(100).optional(),
  /** Honeypot: people leave it empty. */
  website: z.string().max(500).optional(),
  locale: locale.optional(),
});

export const csatRequest = z.object({
  conversationId,
  visitorId: visitorId.optional(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
  locale: locale.optional(),
});

export const shortlistRequest = z.object({
  visitorId,
  conversationId: conversationId.optional(),
  productIds: z.array(token(64)).min(1).max(50),
});

export const visitorQuery = z.object({ visitorId });

export const EVENT_NAMES = [
  "widget_open",
  "widget_close",
  "products_shown",
  "product_view",
  "product_shortlisted",
  "add_to_cart",
  "order_tracked",
  "return_initiated",
  "stylist_ticket_created",
  "csat_submitted",
  "quick_reply_clicked",
  "conversation_deleted",
] as const;

export const eventsRequest = z.object({
  visitorId,
  events: z
    .array(
      z.object({
        name: z.enum(EVENT_NAMES),
        at: z.iso.datetime({ offset: true }),
        props: z
          .record(z.string().max(40), z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]))
          .refine((p) => Object.keys(p).length <= 20, "at most 20 properties")
          .optional(),
      }),
    )
    .min(1)
    .max(50),
});
