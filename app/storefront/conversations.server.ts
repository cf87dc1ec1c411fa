// GET /proxy/conversations/{id} — the transcript; DELETE — the shopper's "delete my chat".

import { conversationId, visitorQuery } from "~/contract/storefront";
import { AppError } from "~/platform/errors.server";
import { proxyEndpoint } from "~/platform/proxyRoute.server";
import { eraseConversation, transcript } from "~/services/dialogue/transcript.server";

function idOf(params: Record<string, string | undefined>): string {
  const parsed = conversationId.safeParse(params.id);
  if (!parsed.success) throw new AppError("conversation.not_found", 404, "We couldn't find that conversation.");
  return parsed.data;
}

export const conversations = proxyEndpoint("conversations", {
  GET: {
    query: visitorQuery,
    conversationParam: "id",
    handler: async ({ runtime, shop, params, query }) => ({
      body: { conversation: await transcript(runtime, shop, idOf(params), query.visitorId) },
    }),
  },
  DELETE: {
    query: visitorQuery,
    conversationParam: "id",
    handler: async ({ runtime, shop, params, query }) => {
      await eraseConversation(runtime, shop, idOf(params), query.visitorId);
      return { body: { deleted: true } };
    },
  },
});
