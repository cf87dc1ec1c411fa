// Slash commands (`/track 1042`, `/gift 300`, `/rings under 500`): explicit, so they outrank every keyword.
import { type Category, type Intent } from "./types";

export interface Command {
  intent: Intent;
  /** The command word as typed, lower-cased, for the `reason`. */
  name: string;
  /** The argument text after the command word (folded, not yet normalised). */
  arg: string;
  /** How a bare number in the argument is read. */
  bareNumber?: "orderNumber" | "priceMax" | "ringSize";
  category?: Category;
  gift?: boolean;
}

const COMMAND_RE = /^\s*\/([a-z][a-z-]*)(?:\s+([\s\S]*))?$/;

const TABLE: Record<string, Omit<Command, "name" | "arg">> = {};
const define = (names: string, spec: Omit<Command, "name" | "arg">) => {
  for (const n of names.split(" ")) TABLE[n] = spec;
};

define("track order orders status tracking where", { intent: "track_order", bareNumber: "orderNumber" });
define("return returns refund exchange", { intent: "return_exchange", bareNumber: "orderNumber" });
define("gift gifts", { intent: "find_product", bareNumber: "priceMax", gift: true });
define("size sizing resize ringsize sizes", { intent: "sizing", bareNumber: "ringSize" });
define("ring rings band bands", { intent: "find_product", bareNumber: "priceMax", category: "ring" });
define("necklace necklaces pendant pendants chain chains", {
  intent: "find_product",
  bareNumber: "priceMax",
  category: "necklace",
});
define("earring earrings stud studs hoop hoops", {
  intent: "find_product",
  bareNumber: "priceMax",
  category: "earring",
});
define("bracelet bracelets bangle bangles cuff cuffs", {
  intent: "find_product",
  bareNumber: "priceMax",
  category: "bracelet",
});
define("shop find search browse products product recommend ideas", { intent: "find_product", bareNumber: "priceMax" });
define("stylist human agent contact person support", { intent: "stylist_contact" });
define("care warranty repair clean cleaning", { intent: "care_warranty" });
define("finance financing pay payments klarna affirm afterpay installments", { intent: "financing" });
define("custom customize customise engrave engraving personalize personalise design bespoke", {
  intent: "customization",
});
define("faq shipping policy policies", { intent: "faq" });
define("hi hello hey start", { intent: "greeting" });
define("thanks thank", { intent: "thanks" });
define("help menu", { intent: "clarify" });

/** The slash command of a folded message, or null when it is not one (unknown commands read as text). */
export function parseCommand(folded: string): Command | null {
  const m = COMMAND_RE.exec(folded);
  if (!m) return null;
  const name = m[1];
  const spec = TABLE[name];
  if (!spec) return null;
  return { ...spec, name, arg: (m[2] ?? "").trim() };
}
