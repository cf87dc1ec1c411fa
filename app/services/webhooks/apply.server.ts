// Applying a queued webhook (run by the worker): each topic updates the mirror, or erases, or records a request.

import { PermanentJobError } from "~/platform/worker.server";
import type { Runtime } from "~/platform/runtime.server";
import { forgetShop } from "~/services/shops.server";
import type { Job } from "~/store/port";
import { ZodError } from "zod";
import { recordAudit } from "../audit.server";
import { recordDataRequest } from "../privacy/dataRequests.server";
import { erasureContext, redactCustomer, redactShop } from "../privacy/erasure.server";
import { applyInventory, deleteProduct, upsertCustomer, upsertOrder, upsertProduct } from "../sync/mirror.server";
import {
  customerFromRest,
  customersDataRequest,
  customersRedact,
  inventoryLevel,
  orderFromRest,
  productDelete,
  productFromRest,
} from "../sync/shopifyPayloads";
import type { WebhookJobPayload } from "./receive.server";

/** app/uninstalled: the shop's sessions go, the shop is marked uninstalled; its data stays until shop/redact. */
async function uninstall(runtime: Runtime, shop: string): Promise<void> {
  const sessions = await runtime.store.sessions.findByShop(shop);
  await runtime.store.sessions.deleteMany(sessions.map((s) => s.id));
  const row = await runtime.store.shops.get(shop);
  if (row && !row.uninstalledAt) {
    const { shop: _shop, ...value } = row;
    const now = new Date().toISOString();
    await runtime.store.shops.put(shop, { ...value, uninstalledAt: now, updatedAt: now });
  }
  forgetShop(shop);
}

export async function applyWebhook(runtime: Runtime, job: Job): Promise<void> {
  const { topic, body, webhookId } = job.payload as unknown as WebhookJobPayload;
  const { store } = runtime;
  const shop = job.shop;
  try {
    switch (topic) {
      case "app/uninstalled":
        return await uninstall(runtime, shop);
      case "shop/redact":
        return await redactShop(store, shop);
      case "customers/redact": {
        const p = customersRedact.parse(body);
        const result = await redactCustomer(erasureContext(runtime), shop, {
          customerId: p.customer.id ?? null,
          email: p.customer.email ?? null,
          phone: p.customer.phone ?? null,
          orderIds: p.orders_to_redact ?? [],
        });
        // The record that it happened: ids only.
        await recordAudit(store, shop, {
          id: `audit_redact_${job.id}`,
          actor: "shopify",
          action: "customer.redacted",
          before: null,
          after: { webhookId, customerId: p.customer.id ?? null, conversations: result.conversations },
          at: new Date(),
        });
        return;
      }
      case "customers/data_request": {
        const p = customersDataRequest.parse(body);
        await recordDataRequest(store, shop, {
          id: p.data_request?.id ? `dr_${p.data_request.id}` : `dr_${webhookId}`,
          customerId: p.customer.id ?? null,
          email: p.customer.email ?? null,
          phone: p.customer.phone ?? null,
          ordersRequested: p.orders_requested ?? [],
          requestedAt: new Date().toISOString(),
        });
        return;
      }
      case "products/create":
      case "products/update":
        await upsertProduct(store, shop, productFromRest(body));
        return;
      case "products/delete":
        return await deleteProduct(store, shop, productDelete.parse(body).id);
      case "inventory_levels/update":
        await applyInventory(store, shop, inventoryLevel.parse(body));
        return;
      case "customers/create":
      case "customers/update":
        return await upsertCustomer(store, shop, customerFromRest(body));
      case "orders/create":
      case "orders/updated":
      case "orders/fulfilled":
      case "orders/cancelled": {
        const { attributed } = await upsertOrder(store, shop, orderFromRest(body));
        if (attributed) runtime.metrics.conversions.inc();
        return;
      }
      default:
        throw new PermanentJobError(`unknown webhook topic ${String(topic)}`);
    }
  } catch (error) {
    // A payload that does not match its topic will not match on a retry either.
    if (error instanceof ZodError) throw new PermanentJobError(`the ${topic} payload is not valid`);
    throw error;
  }
}
