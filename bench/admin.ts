// The admin at scale (PRODUCT.md §5: list, search and queue pages answer in ≤ 50 ms server time at p95 with
// 100,000 conversations). Seeds 100,000 conversations (~1,000,000 messages) and 10,000 tickets, then times each
// query two ways, ≥ 50 requests each after a warm-up: the store call alone, and the page's data request over
// HTTP against the real server (layout + page loaders, auth, serialisation). Baseline: /api/health, same run.
//   npm run bench -- admin            or            tsx bench/admin.ts [conversations] [tickets]

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemoShop } from "../app/services/demoShop.server";
import type { ConversationFilter, PageRequest, Store, TicketFilter } from "../app/store/port";
import { openSqliteStore } from "../app/store/sqlite";
import { seedAdminScale } from "./adminData";
import { startAppServer } from "./appServer";
import { percentile } from "./openLoop";
import { table } from "./table";

const SHOP = "aurora-demo.myshopify.com";
const OPEN: TicketFilter = { statuses: ["open", "in_progress", "waiting"] };
const DAY = 86_400_000;

interface Query {
  name: string;
  store: (store: Store) => Promise<{ items: unknown[] }>;
  /** The admin page whose data request runs this query. */
  page: string;
}

async function timeMany(times: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(); // warm-up: JIT, prepared statements, page cache
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

const ms = (sorted: number[], p: number) => percentile(sorted, p).toFixed(1);

async function deepCursor(store: Store, filter: ConversationFilter, pages: number): Promise<string> {
  let page: PageRequest = { limit: 25 };
  for (let i = 0; i < pages; i++) {
    const found = await store.conversations.list(SHOP, filter, page);
    page = { cursor: found.nextCursor, limit: 25 };
  }
  return page.cursor!;
}

export async function benchAdmin(conversations = 100_000, tickets = 10_000, requests = 60): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "aurora-bench-admin-"));
  const databasePath = join(dataDir, "aurora.sqlite");
  try {
    // The demo shop first (catalog, settings), so the server starts on it without seeding again.
    const store0 = openSqliteStore(databasePath);
    await seedDemoShop(store0, SHOP);
    await store0.close();
    const seeded = seedAdminScale(databasePath, SHOP, { conversations, tickets });
    table("Admin data, seeded in batched transactions", [
      {
        conversations: seeded.conversations,
        messages: seeded.messages,
        tickets: seeded.tickets,
        "seconds to seed": seeded.seconds.toFixed(1),
        "rows per second": Math.round((seeded.conversations + seeded.messages + seeded.tickets) / seeded.seconds),
      },
    ]);

    const store = openSqliteStore(databasePath);
    const since = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    const cursor = await deepCursor(store, {}, 20);
    const queries: Query[] = [
      {
        name: "conversation list, newest first (page 1)",
        store: (s) => s.conversations.list(SHOP, {}, { limit: 25 }),
        page: "/app/conversations",
      },
      {
        name: "conversation list, page 21 (keyset cursor)",
        store: (s) => s.conversations.list(SHOP, {}, { cursor, limit: 25 }),
        page: `/app/conversations?cursor=${cursor}`,
      },
      {
        name: "full-text search “sapphire”",
        store: (s) => s.conversations.list(SHOP, { q: "sapphire" }, { limit: 25 }),
        page: "/app/conversations?q=sapphire",
      },
      {
        name: "full-text search “ring sapphire” (two words)",
        store: (s) => s.conversations.list(SHOP, { q: "ring sapphire" }, { limit: 25 }),
        page: "/app/conversations?q=ring+sapphire",
      },
      {
        name: "filtered: intent track_order + outcome resolved",
        store: (s) => s.conversations.list(SHOP, { intent: "track_order", outcome: "resolved" }, { limit: 25 }),
        page: "/app/conversations?intent=track_order&outcome=resolved",
      },
      {
        name: "filtered: escalated, started in the last 30 days",
        store: (s) => s.conversations.list(SHOP, { escalated: true, from: `${since}T00:00:00.000Z` }, { limit: 25 }),
        page: `/app/conversations?escalated=yes&from=${since}`,
      },
      {
        name: "filtered: rating 1 + search “diamond”",
        store: (s) => s.conversations.list(SHOP, { rating: 1, q: "diamond" }, { limit: 25 }),
        page: "/app/conversations?rating=1&q=diamond",
      },
      {
        name: "ticket queue: open, by priority then SLA",
        store: (s) => s.tickets.list(SHOP, OPEN, { limit: 25 }),
        page: "/app/tickets",
      },
      {
        name: "ticket queue: unassigned",
        store: (s) => s.tickets.list(SHOP, { ...OPEN, assignee: null }, { limit: 25 }),
        page: "/app/tickets?view=unassigned",
      },
      {
        name: "ticket queue: resolved",
        store: (s) => s.tickets.list(SHOP, { status: "resolved" }, { limit: 25 }),
        page: "/app/tickets?view=resolved",
      },
    ];

    const storeTimes = new Map<string, { sorted: number[]; rows: number }>();
    for (const q of queries) {
      const rows = (await q.store(store)).items.length;
      storeTimes.set(q.name, { sorted: await timeMany(requests, () => q.store(store)), rows });
    }
    await store.close();

    const server = await startAppServer({ dataDir });
    try {
      const baseline = await timeMany(requests, async () => (await fetch(`${server.url}/api/health`)).text());
      const rows: Record<string, string | number>[] = [
        {
          query: "baseline: GET /api/health (same run)",
          rows: "—",
          "store p50 ms": "—",
          "store p95 ms": "—",
          "HTTP p50 ms": ms(baseline, 50),
          "HTTP p95 ms": ms(baseline, 95),
        },
      ];
      for (const q of queries) {
        const url = new URL(q.page, server.url);
        url.pathname = `${url.pathname}.data`;
        const http = await timeMany(requests, async () => {
          const res = await fetch(url);
          if (res.status !== 200) throw new Error(`${q.page}: HTTP ${res.status}`);
          await res.arrayBuffer();
        });
        const s = storeTimes.get(q.name)!;
        rows.push({
          query: q.name,
          rows: s.rows,
          "store p50 ms": ms(s.sorted, 50),
          "store p95 ms": ms(s.sorted, 95),
          "HTTP p50 ms": ms(http, 50),
          "HTTP p95 ms": ms(http, 95),
        });
      }
      table(
        `Admin lists at ${conversations.toLocaleString("en-US")} conversations / ${seeded.messages.toLocaleString("en-US")} messages / ${tickets.toLocaleString("en-US")} tickets, ${requests} requests each (goal: p95 ≤ 50 ms server time)`,
        rows,
      );
      console.log(
        "\nstore = the store call the page's loader makes; HTTP = the page's whole data request on loopback " +
          "(layout and page loaders, staff lookup, serialisation), one request at a time.",
      );
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAdmin(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 10_000));
}
