// The initial backfill after install: the shop's primary language, then products, customers and recent orders read
// page by page from the Admin GraphQL API into the mirror. Progress (phase, cursor, counts) is saved after every page, so an interrupted
// backfill — a crash, a deploy, an API outage — resumes from the last saved page. Each job run works for a few
// seconds and then queues its own continuation, so no lease is ever held for long.

import { setImmediate as nextTurn } from "node:timers/promises";
import { AdminApiAuthError } from "~/platform/adminApi.server";
import { newId } from "~/platform/ids.server";
import type { Runtime } from "~/platform/runtime.server";
import { enqueueJob, PermanentJobError, type Continue } from "~/platform/worker.server";
import type { Job, Store, SyncProgress } from "~/store/port";
import { catalogMappingOf, upsertCustomer, upsertOrder, upsertProduct } from "./mirror.server";
import { customerFromGraphql, orderFromGraphql, productFromGraphql } from "./shopifyPayloads";
import { syncPrimaryLocale } from "./shopLocale.server";

export const BACKFILL_JOB = "backfill";
/** Orders placed in the last this many days are synced (older ones are rarely tracked or returned). */
export const BACKFILL_ORDER_DAYS = 60;
const STEP_BUDGET_MS = 5_000;

// Page sizes keep each query's requested cost under Shopify's single-query limit of 1,000 points (a connection costs
// 2 plus `first` times its selection): 3 products with up to 100 variants each cost about 970, 3 orders with up to
// 50 lines about 1,000. Small pages cost latency only; a query over the limit is refused outright (MAX_COST_EXCEEDED).
export const PAGE_SIZE = { products: 3, customers: 100, orders: 3 } as const;

const PRODUCTS_QUERY = /* GraphQL */ `
  query ConciergeProducts($cursor: String) {
    products(first: ${PAGE_SIZE.products}, after: $cursor, sortKey: ID) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        handle
        title
        descriptionHtml
        productType
        tags
        status
        updatedAt
        options {
          name
          values
        }
        images(first: 5) {
          nodes {
            url
            altText
          }
        }
        metafields(first: 10, namespace: "concierge") {
          nodes {
            namespace
            key
            value
          }
        }
        variants(first: 100) {
          nodes {
            id
            title
            price
            compareAtPrice
            sku
            inventoryQuantity
            inventoryPolicy
            selectedOptions {
              name
              value
            }
            inventoryItem {
              id
              tracked
            }
          }
        }
      }
    }
  }
`;

const CUSTOMERS_QUERY = /* GraphQL */ `
  query ConciergeCustomers($cursor: String) {
    customers(first: ${PAGE_SIZE.customers}, after: $cursor, sortKey: ID) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        firstName
        lastName
        updatedAt
        defaultEmailAddress {
          emailAddress
        }
      }
    }
  }
`;

const ORDERS_QUERY = /* GraphQL */ `
  query ConciergeOrders($cursor: String, $query: String) {
    orders(first: ${PAGE_SIZE.orders}, after: $cursor, sortKey: CREATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        email
        createdAt
        updatedAt
        cancelledAt
        displayFinancialStatus
        customer {
          id
        }
        shippingAddress {
          zip
        }
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        customAttributes {
          key
          value
        }
        lineItems(first: 50) {
          nodes {
            id
            title
            variantTitle
            quantity
            originalUnitPriceSet {
              shopMoney {
                amount
                currencyCode
              }
            }
            product {
              id
            }
            variant {
              id
            }
            customAttributes {
              key
              value
            }
          }
        }
        fulfillments(first: 10) {
          createdAt
          deliveredAt
          estimatedDeliveryAt
          displayStatus
          trackingInfo(first: 1) {
            company
            number
            url
          }
        }
      }
    }
  }
`;

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: unknown[];
}

const PHASES = ["products", "customers", "orders"] as const;
type Phase = (typeof PHASES)[number];

/** Is a job queued or running to carry this shop's backfill on? (A run whose job gave up after its retries is not.) */
async function backfillJobAlive(store: Store, shop: string): Promise<boolean> {
  const jobs = await store.jobs.counts(shop, BACKFILL_JOB);
  return jobs.pending + jobs.running > 0;
}

/**
 * Starts the backfill, or resumes it: a failed run, or one whose job gave up, goes on from its saved phase and cursor
 * (counts kept); a finished run (or none) starts afresh; a run that is going is left alone. The worker picks the job
 * up (nudge it to start now). Two callers resuming the same run queue one job: the key names the state they saw.
 */
export async function startBackfill(store: Store, shop: string, now = new Date()): Promise<SyncProgress> {
  const current = await store.syncProgress.get(shop);
  const alive = current?.status === "running" && (await backfillJobAlive(store, shop));
  if (current && alive) return current;
  const resume = current !== null && current.status !== "done";
  const progress: SyncProgress = resume
    ? { ...current, status: "running", finishedAt: null, lastError: null, updatedAt: now.toISOString() }
    : {
        runId: newId("sync"),
        status: "running",
        phase: "products",
        cursor: null,
        counts: { products: 0, customers: 0, orders: 0 },
        ordersSince: new Date(now.getTime() - BACKFILL_ORDER_DAYS * 86_400_000).toISOString(),
        startedAt: now.toISOString(),
        finishedAt: null,
        updatedAt: now.toISOString(),
        lastError: null,
      };
  const key = resume ? `backfill:${progress.runId}:${current.updatedAt}` : `backfill:${progress.runId}`;
  await store.syncProgress.put(shop, progress);
  await enqueueJob(store, shop, { kind: BACKFILL_JOB, key, payload: { runId: progress.runId } }, now);
  return progress;
}

export interface BackfillView {
  /** `failed` also for a run whose job gave up after its retries: either way it waits for someone to resume it. */
  status: "never" | SyncProgress["status"];
  phase: SyncProgress["phase"] | null;
  counts: SyncProgress["counts"];
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  /** The run's id, so an admin page can say which run it saw. */
  runId: string | null;
}

/** For the admin (Settings → Catalog, and the onboarding checklist's "catalog synced"). */
export async function backfillProgress(runtime: Runtime, shop: string): Promise<BackfillView> {
  const p = await runtime.store.syncProgress.get(shop);
  if (!p)
    return {
      status: "never",
      phase: null,
      counts: { products: 0, customers: 0, orders: 0 },
      startedAt: null,
      finishedAt: null,
      lastError: null,
      runId: null,
    };
  const stalled = p.status === "running" && !(await backfillJobAlive(runtime.store, shop));
  return {
    status: stalled ? "failed" : p.status,
    phase: p.phase,
    counts: p.counts,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    lastError: p.lastError ?? (stalled ? "the sync stopped" : null),
    runId: p.runId,
  };
}

async function fetchPage(runtime: Runtime, shop: string, phase: Phase, progress: SyncProgress): Promise<Connection> {
  const variables: Record<string, unknown> = { cursor: progress.cursor };
  if (phase === "products")
    return (await runtime.adminApi.graphql<{ products: Connection }>(shop, PRODUCTS_QUERY, variables)).products;
  if (phase === "customers")
    return (await runtime.adminApi.graphql<{ customers: Connection }>(shop, CUSTOMERS_QUERY, variables)).customers;
  variables.query = `created_at:>='${progress.ordersSince}'`;
  return (await runtime.adminApi.graphql<{ orders: Connection }>(shop, ORDERS_QUERY, variables)).orders;
}

async function applyPage(runtime: Runtime, shop: string, phase: Phase, nodes: unknown[]): Promise<number> {
  const { store } = runtime;
  const mapping = phase === "products" ? await catalogMappingOf(store, shop) : undefined;
  let applied = 0;
  for (const node of nodes) {
    if (phase === "products") {
      if (await upsertProduct(store, shop, productFromGraphql(node), mapping)) applied += 1;
    } else if (phase === "customers") {
      await upsertCustomer(store, shop, customerFromGraphql(node));
      applied += 1;
    } else {
      await upsertOrder(store, shop, orderFromGraphql(node));
      applied += 1;
    }
    // A store call resolves without letting timers or sockets in: the storefront gets a turn between writes.
    await nextTurn();
  }
  return applied;
}

/** The worker's handler: pages until the step's time budget is spent, saving progress after each page. */
export async function runBackfillStep(runtime: Runtime, job: Job, budgetMs = STEP_BUDGET_MS): Promise<void | Continue> {
  const shop = job.shop;
  const runId = job.payload.runId;
  let progress = await runtime.store.syncProgress.get(shop);
  // A newer run replaced this one, or it already finished: nothing to do.
  if (!progress || progress.runId !== runId || progress.status !== "running") return;
  const deadline = Date.now() + budgetMs;
  // A worker whose lease ran out (it hung, another took over) must not write older progress over the newer.
  const stillHeld = async () => {
    const current = await runtime.store.jobs.get(shop, job.id);
    return current?.status === "running" && current.leaseOwner === job.leaseOwner;
  };
  const save = async (change: Partial<SyncProgress>) => {
    progress = { ...progress!, ...change, updatedAt: new Date().toISOString() };
    await runtime.store.syncProgress.put(shop, progress);
  };
  try {
    while (progress.phase !== "done") {
      if ((await runtime.store.shops.get(shop))?.uninstalledAt) {
        await save({ status: "failed", lastError: "the app was uninstalled" });
        return;
      }
      const phase = progress.phase;
      // A run's first page: the shop's primary language first (replies fall back to it).
      if (phase === "products" && progress.cursor === null) await syncPrimaryLocale(runtime, shop);
      const page = await fetchPage(runtime, shop, phase, progress);
      if (!(await stillHeld())) return;
      const applied = await applyPage(runtime, shop, phase, page.nodes);
      const counts = { ...progress.counts, [phase]: progress.counts[phase] + applied };
      if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
        await save({ counts, cursor: page.pageInfo.endCursor, lastError: null });
      } else {
        const next = PHASES[PHASES.indexOf(phase) + 1] ?? "done";
        await save({ counts, phase: next, cursor: null, lastError: null });
      }
      if ((progress.phase as SyncProgress["phase"]) !== "done" && Date.now() >= deadline) {
        return { continueAt: new Date(), payload: { runId } };
      }
    }
    await save({ status: "done", finishedAt: new Date().toISOString() });
  } catch (error) {
    const message = error instanceof Error ? error.message : "backfill failed";
    if (error instanceof AdminApiAuthError) {
      await save({ status: "failed", lastError: message });
      throw new PermanentJobError(message);
    }
    // Kept for the admin; the worker retries with backoff and the next attempt starts from the saved cursor.
    await save({ lastError: message });
    throw error;
  }
}
