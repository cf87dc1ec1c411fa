// What shoppers leave behind besides the conversation: CSAT ratings and shortlists.

import type { CsatRating, Shortlist, Store } from "../port";
import { codec, v } from "./codec";
import { conditions, unique, type Sql } from "./sql";

const csatRow = codec<CsatRating>({ id: v, conversationId: v, rating: v, comment: v, intent: v, createdAt: v });

const shortlistRow = codec<Shortlist>({
  id: v,
  visitorId: v,
  conversationId: v,
  productIds: "json",
  createdAt: v,
  expiresAt: v,
});

export function csatRepository({ write, one, run, insert, maybe, newestFirst }: Sql): Store["csat"] {
  return {
    async create(shop, rating) {
      await write(() => unique("csat", () => insert("csat_ratings", csatRow.toRow(rating, shop))));
      return rating;
    },
    async getForConversation(shop, conversationId) {
      const sqlText = "SELECT * FROM csat_ratings WHERE shop = ? AND conversation_id = ?";
      return maybe(csatRow, one(sqlText, shop, conversationId));
    },
    async list(shop, filter = {}, page) {
      const where = conditions("shop = ?", shop);
      if (filter.maxRating !== undefined) where.add("rating <= ?", filter.maxRating);
      if (filter.from !== undefined) where.add("created_at >= ?", filter.from);
      return newestFirst("csat_ratings", "created_at", where, page, csatRow);
    },
    async redactComments(shop, conversationIds) {
      return write(
        () =>
          run(
            "UPDATE csat_ratings SET comment = NULL WHERE shop = ? AND conversation_id IN (SELECT value FROM json_each(?))",
            shop,
            JSON.stringify(conversationIds),
          ).changes,
      );
    },
  };
}

export function shortlistsRepository({ write, one, run, upsert, maybe, byId }: Sql): Store["shortlists"] {
  return {
    async put(shop, shortlist) {
      await write(() => upsert("shortlists", ["shop", "id"], shortlistRow.toRow(shortlist, shop)));
      return shortlist;
    },
    async get(shop, id) {
      return maybe(shortlistRow, one(byId("shortlists"), shop, id));
    },
    async removeFor(shop, owners) {
      return write(
        () =>
          run(
            "DELETE FROM shortlists WHERE shop = ? AND (conversation_id IN (SELECT value FROM json_each(?)) " +
              "OR visitor_id IN (SELECT value FROM json_each(?)))",
            shop,
            JSON.stringify(owners.conversationIds),
            JSON.stringify(owners.visitorIds),
          ).changes,
      );
    },
    async purgeExpired(shop, now) {
      return write(() => run("DELETE FROM shortlists WHERE shop = ? AND expires_at <= ?", shop, now).changes);
    },
  };
}
