// The audit log as people read it: who, when, what changed (before → after) and why.

import { BlockStack, Text } from "@shopify/polaris";
import { formatDateTime, titleCase } from "./format";

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  at: string;
  reason?: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** "enabled: true → false; percent: 10 → 25", over the top-level fields that changed. */
export function changeSummary(before: unknown, after: unknown): string {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return `${show(before)} → ${show(after)}`;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "updatedAt");
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return "no visible change";
  return changed.map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`).join("; ");
}

export function AuditLog(props: { entries: AuditRow[]; actorName: (id: string) => string; timezone: string }) {
  if (props.entries.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No changes recorded yet.
      </Text>
    );
  }
  return (
    <table className="aurora-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr key={e.id}>
            <td>
              <time dateTime={e.at}>{formatDateTime(e.at, props.timezone)}</time>
            </td>
            <td>{props.actorName(e.actor)}</td>
            <td>{titleCase(e.action.replace(/\./g, " "))}</td>
            <td>
              <BlockStack gap="100">
                {e.reason ? <Text as="span">{e.reason}</Text> : null}
                <Text as="span" tone="subdued" breakWord>
                  {changeSummary(e.before, e.after)}
                </Text>
              </BlockStack>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SYSTEM_ACTORS: Record<string, string> = {
  "guarded-rollout": "Guarded rollout (automatic)",
  seed: "Demo seed",
  cli: "Ops command line",
  shopper: "Shopper",
};

/** A function naming actors: staff by name, the app's own jobs by what they are. */
export function actorNamer(staff: { userId: string; name: string }[]): (id: string) => string {
  const names = new Map(staff.map((s) => [s.userId, s.name]));
  return (id) => names.get(id) ?? SYSTEM_ACTORS[id] ?? id;
}
