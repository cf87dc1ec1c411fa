// Settings → Catalog: how many products the concierge can recommend, the Shopify sync's progress (start or resume it
// in Shopify mode; the page refreshes itself while it runs) and the upload of a Shopify product CSV export with the
// rows that need fixing listed by line.

import { useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useId, useRef, useState } from "react";
import type { CatalogStatus, CsvImportOutcome } from "~/services/sync/catalogAdmin.server";
import { formatNumber } from "../format";
import { Section } from "../Section";
import { Problem, useSection } from "./sectionForm";
import { SaveButton } from "~/components/SaveButton";

const STATUS = {
  never: { tone: undefined, label: "Not started" },
  running: { tone: "info", label: "Syncing" },
  done: { tone: "success", label: "Up to date" },
  failed: { tone: "warning", label: "Stopped" },
} as const;

const PHASES = [
  { id: "products", label: "Products" },
  { id: "customers", label: "Customers" },
  { id: "orders", label: "Orders of the last 60 days" },
] as const;

/** The largest file the server takes (MAX_CSV_BYTES): refused here first, so nothing large is sent for nothing. */
const MAX_CSV_MB = 5;

function useRefreshWhile(active: boolean, everyMs: number) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle") latest.current.revalidate();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}

function SyncPanel({ catalog, canManage }: { catalog: CatalogStatus; canManage: boolean }) {
  const { fetcher, problem } = useSection();
  const { sync } = catalog;
  const status = STATUS[sync.status];
  useRefreshWhile(sync.status === "running", 3_000);
  const phaseIndex =
    sync.phase === null ? -1 : sync.phase === "done" ? PHASES.length : PHASES.findIndex((p) => p.id === sync.phase);
  const button =
    sync.status === "failed" ? "Resume sync" : sync.status === "done" ? "Sync again" : "Sync catalog from Shopify";
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          Sync from Shopify
        </Text>
        <Badge tone={status.tone}>{status.label}</Badge>
      </InlineStack>
      {!catalog.syncAvailable ? (
        <Text as="p" tone="subdued">
          The sync reads products, customers and recent orders from Shopify, so it runs once the app is installed on a
          shop. Here the demo catalog, or a product CSV import, fills the catalog.
        </Text>
      ) : sync.status === "never" ? (
        <Text as="p" tone="subdued">
          Copies your products, customers and the last 60 days of orders from Shopify; webhooks keep them current after.
        </Text>
      ) : (
        <ol className="aurora-steps" aria-label="Sync progress">
          {PHASES.map((phase, i) => {
            const state =
              i < phaseIndex
                ? "done"
                : i === phaseIndex && sync.status === "running"
                  ? "current"
                  : i === phaseIndex
                    ? "stopped"
                    : "waiting";
            const words = { done: "done", current: "syncing", stopped: "stopped here", waiting: "waiting" }[state];
            return (
              <li key={phase.id} data-state={state}>
                {phase.label}: {formatNumber(sync.counts[phase.id])} ({words})
              </li>
            );
          })}
        </ol>
      )}
      {sync.status === "failed" && catalog.syncAvailable ? (
        <Banner tone="warning">
          <p>
            The sync stopped ({sync.lastError ?? "unknown error"}). Resuming goes on from where it stopped; nothing
            synced so far is lost.
          </p>
        </Banner>
      ) : null}
      {sync.status === "running" ? (
        <Text as="p" tone="subdued">
          This page updates by itself while the sync runs; you can leave it.
        </Text>
      ) : null}
      <Problem text={problem} />
      {canManage && catalog.syncAvailable && sync.status !== "running" ? (
        <InlineStack>
          <Button
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "catalog_sync", seen: sync.runId ?? "" }, { method: "post" })}
          >
            {button}
          </Button>
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}

function ImportReport({ result }: { result: CsvImportOutcome }) {
  const bad = result.errors.length + result.moreErrors;
  return (
    <BlockStack gap="200">
      <Banner tone={bad > 0 ? "warning" : "success"}>
        <p>
          Read {formatNumber(result.rows)} rows: {formatNumber(result.imported)} product
          {result.imported === 1 ? " goes" : "s go"} into the catalog
          {bad > 0
            ? `; ${formatNumber(bad)} row${bad === 1 ? "" : "s"} need fixing (those products were left out).`
            : "."}
          {result.notJewelry.length > 0
            ? ` Skipped, not jewelry the concierge can place: ${result.notJewelry.join(", ")}.`
            : ""}
        </p>
      </Banner>
      {result.errors.length > 0 ? (
        <table className="aurora-table">
          <caption>Rows that need fixing</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Product handle</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr key={`${e.line}-${e.message}`}>
                <th scope="row" className="num">
                  {e.line}
                </th>
                <td>{e.handle || "—"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.moreErrors > 0 ? (
        <Text as="p" tone="subdued">
          And {formatNumber(result.moreErrors)} more: fix these and import again to see the rest.
        </Text>
      ) : null}
    </BlockStack>
  );
}

function ImportPanel() {
  const { fetcher, problem, outcome } = useSection<{ result: CsvImportOutcome }>();
  const inputId = useId();
  const helpId = useId();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const result = outcome?.ok ? outcome.result : undefined;
  return (
    <fetcher.Form
      method="post"
      encType="multipart/form-data"
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        if (file && file.size > MAX_CSV_MB * 1024 * 1024) {
          event.preventDefault();
          setTooBig(`That file is larger than ${MAX_CSV_MB} MB.`);
        } else setTooBig(null);
      }}
    >
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Import a product CSV
        </Text>
        <Text as="p" tone="subdued" id={helpId}>
          In Shopify, export your products (Products → Export, as a CSV file) and choose the file here. A product with a
          bad row is left out whole: fix the rows listed and import again. Imported products give way to the synced
          Shopify product of the same handle.
        </Text>
        <input type="hidden" name="intent" value="catalog_import" />
        <div className="aurora-file">
          <label htmlFor={inputId}>Product CSV file</label>
          <input id={inputId} type="file" name="file" accept=".csv,text/csv" required aria-describedby={helpId} />
        </div>
        <Problem text={tooBig ?? problem} />
        <SaveButton fetcher={fetcher}>Import products</SaveButton>
        {result ? <ImportReport result={result} /> : null}
      </BlockStack>
    </fetcher.Form>
  );
}

export function CatalogSection(props: { catalog: CatalogStatus; canManage: boolean }) {
  const { catalog } = props;
  const importing = catalog.importBatchesLeft;
  useRefreshWhile(importing > 0, 2_000);
  return (
    <Section title="Catalog" id="catalog">
      <Text as="p">
        {catalog.products > 0
          ? `${formatNumber(catalog.products)} products are ready for the concierge to recommend.`
          : "No products yet: the concierge has nothing to recommend until the catalog is synced or imported."}
      </Text>
      {importing > 0 ? (
        <Text as="p">
          Adding uploaded products to the catalog: {formatNumber(importing)} batch{importing === 1 ? "" : "es"} of up to
          100 left. This page updates by itself.
        </Text>
      ) : null}
      <SyncPanel catalog={catalog} canManage={props.canManage} />
      {props.canManage ? (
        <ImportPanel />
      ) : (
        <Text as="p" tone="subdued">
          Owners and admins sync the catalog and import product files.
        </Text>
      )}
    </Section>
  );
}
