// Merchant-editable answers: FAQ entries.

import type { FaqEntry, Store } from "../port";
import { codec, v } from "./codec";
import type { Sql } from "./sql";

const faqRow = codec<FaqEntry>({ id: v, topic: v, question: v, answer: v, keywords: "json", updatedAt: v });

export function faqRepository({ write, all, run, upsert }: Sql): Store["faq"] {
  return {
    async list(shop) {
      return all("SELECT * FROM faq_entries WHERE shop = ? ORDER BY topic, id", shop).map(faqRow.fromRow);
    },
    async put(shop, entry) {
      await write(() => upsert("faq_entries", ["shop", "id"], faqRow.toRow(entry, shop)));
      return entry;
    },
    async remove(shop, id) {
      return write(() => run("DELETE FROM faq_entries WHERE shop = ? AND id = ?", shop, id).changes > 0);
    },
  };
}
