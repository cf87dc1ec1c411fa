// `npm run seed -- --shop <name>.myshopify.com`: creates or migrates the store and loads the demo jewelry shop.
// Self-contained on purpose: it parses only the two variables it needs instead of the app's full env schema.

import { z } from "zod";
import { openStore } from "../app/store/index.server";
import { seedDemoShop } from "../app/services/demoShop.server";
import { sqlitePathFromUrl } from "../app/store/sqlite";

const USAGE = `Usage: npm run seed -- --shop <name>.myshopify.com [--name "Shop Name"]

Loads the demo jewelry store (products, customers, orders, FAQ) into the shop and switches the
concierge on at 100% rollout. Safe to run again: it updates the same records.

Environment:
  DATABASE_URL  SQLite file (default file:./data/aurora.sqlite)
  MONGODB_URI   use MongoDB instead of SQLite when set`;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "file:./data/aurora.sqlite")),
  MONGODB_URI: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), "must start with mongodb:// or mongodb+srv://"),
});

class UsageError extends Error {}

interface Args {
  shop: string;
  name?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    const match = /^--(shop|name)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument "${arg}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === "") throw new UsageError(`--${match[1]} needs a value`);
    if (match[1] === "shop") args.shop = value.trim();
    else args.name = value.trim();
  }
  if (args.help) return { shop: "", help: true };
  if (!args.shop) throw new UsageError("--shop is required");
  if (!SHOP_DOMAIN.test(args.shop)) {
    throw new UsageError(
      `invalid --shop "${args.shop}": expected <name>.myshopify.com with lower-case letters, digits and hyphens`,
    );
  }
  return { shop: args.shop, name: args.name, help: false };
}

function describeStore(kind: "sqlite" | "mongo", databaseUrl: string, mongodbUri?: string): string {
  if (kind === "mongo" && mongodbUri) {
    // Never print credentials: only the host part of the URI.
    const host = mongodbUri
      .replace(/^mongodb(\+srv)?:\/\//, "")
      .replace(/^[^@/]*@/, "")
      .split(/[/?]/)[0];
    return `mongo ${host}`;
  }
  return `sqlite ${sqlitePathFromUrl(databaseUrl)}`;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`seed: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const env = envSchema.safeParse(process.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    console.error(`seed: ${issue?.path.join(".")} ${issue?.message}`);
    return 2;
  }
  const { DATABASE_URL, MONGODB_URI } = env.data;

  const store = await openStore({ databaseUrl: DATABASE_URL, mongodbUri: MONGODB_URI });
  try {
    const counts = await seedDemoShop(store, args.shop, { name: args.name });
    console.log(
      `Seeded ${args.shop}: ${counts.products} products, ${counts.orders} orders, ${counts.customers} customers, ` +
        `${counts.faq} FAQ entries (store: ${describeStore(store.kind, DATABASE_URL, MONGODB_URI)})`,
    );
  } finally {
    await store.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`seed: failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
