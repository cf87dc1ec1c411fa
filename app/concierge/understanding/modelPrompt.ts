// The question put to the optional language model when the rules cannot read a message: a JSON-schema prompt
// asking for the same {intent, entities} shape the rules produce. Pure data; the client and the checks of the
// answer live in platform/ and services/.
import { CATEGORIES, INTENTS, METALS } from "./types";

/** The JSON schema of an answer (validated again on our side: anything else keeps the rules' answer). */
export const MODEL_ANSWER_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["intent", "entities"],
  properties: {
    intent: { type: "string", enum: [...INTENTS] },
    entities: {
      type: "object",
      additionalProperties: false,
      properties: {
        category: { type: "string", enum: [...CATEGORIES] },
        metal: { type: "string", enum: [...METALS] },
        excludeMetals: { type: "array", items: { type: "string", enum: [...METALS] } },
        excludeCategories: { type: "array", items: { type: "string", enum: [...CATEGORIES] } },
        priceMin: { type: "number", minimum: 0 },
        priceMax: { type: "number", minimum: 0 },
        readyToShip: { type: "boolean" },
        gift: { type: "boolean" },
        ringSize: { type: "number", description: "US ring size" },
        orderNumber: { type: "string", description: "a placeholder such as [ORDER_1], copied as given" },
        email: { type: "string", description: "a placeholder such as [EMAIL_1], copied as given" },
        postalCode: { type: "string", description: "a placeholder such as [POSTCODE_1], copied as given" },
      },
    },
  },
} as const;

const INTENT_GUIDE = [
  "find_product: looking for a piece (a gift, a style, a budget)",
  "track_order: where an order is, whether it shipped, when it arrives",
  "return_exchange: return, refund, exchange, a piece that does not fit",
  "sizing: ring sizes, resizing",
  "care_warranty: cleaning, repairs, broken pieces, warranty",
  "financing: instalments, pay later",
  "stylist_contact: wants a person",
  "customization: custom designs, engraving",
  "faq: shipping, materials, store policies",
  "greeting, thanks",
  "clarify: none of these",
].join("; ");

export const MODEL_SYSTEM_PROMPT =
  "You read one message a shopper sent to a jewelry shop's chat concierge. It may be in English, French, Spanish " +
  "or German and may be misspelt. Answer with one JSON object and nothing else, valid against this JSON schema: " +
  JSON.stringify(MODEL_ANSWER_SCHEMA) +
  `. Intents: ${INTENT_GUIDE}. Put in entities only what the message says. Placeholders in square brackets ` +
  "([EMAIL_1], [ORDER_1], [POSTCODE_1], [PHONE_1], [NUMBER_1]) stand for details hidden from you: copy one into a " +
  "field only when it is that field, never guess what it hides.";
