// The SLA countdown of a ticket, live: first rendered with the server's clock (so the page hydrates without a
// mismatch), then ticking every 30 s in the browser. Not a live region: it would interrupt every 30 s.

import { Badge } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { formatDue } from "./format";

export function useNow(serverNow: string, everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function SlaClock(props: { dueAt: string; now: number; resolved: boolean }) {
  if (props.resolved) return <span>—</span>;
  const due = formatDue(props.dueAt, props.now);
  return (
    <time dateTime={props.dueAt}>
      {due.overdue ? (
        <Badge tone="critical">{due.text}</Badge>
      ) : due.soon ? (
        <Badge tone="warning">{due.text}</Badge>
      ) : (
        <span>{due.text}</span>
      )}
    </time>
  );
}
