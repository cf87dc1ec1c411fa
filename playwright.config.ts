import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHOPIFY_TEST } from "./tests/support/shopifyAdmin";

const PORT = Number(process.env.E2E_PORT ?? 3917);
// Set once in the runner and inherited by the workers, so tests reach the same SQLite file as the server.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "aurora-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;
const shopifyDataDir = (process.env.AURORA_E2E_SHOPIFY_DATA ??= mkdtempSync(join(tmpdir(), "aurora-e2e-shopify-")));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["./tests/support/playwright-count-reporter.ts"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "node server.mjs",
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(PORT),
        DATABASE_URL: `file:${join(dataDir, "aurora.sqlite")}`,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        // Every request comes from 127.0.0.1: the journeys are not about limits (the integration suite is).
        RATE_LIMIT_PER_MINUTE: "100000",
        RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
        // The admin's guarded-rollout test waits for the job: judge every second.
        ROLLOUT_CHECK_SECONDS: "1",
      },
    },
    {
      // Shopify mode with a test secret, a seeded offline session and staff (tests/e2e/support/shopifyServer.ts).
      command: "node --import tsx tests/e2e/support/shopifyServer.ts",
      url: `http://127.0.0.1:${PORT + 1}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(PORT + 1),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(shopifyDataDir, "aurora.sqlite")}`,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        SHOPIFY_API_KEY: SHOPIFY_TEST.apiKey,
        SHOPIFY_API_SECRET: SHOPIFY_TEST.secret,
        SHOPIFY_APP_URL: `http://127.0.0.1:${PORT + 1}`,
      },
    },
  ],
});
