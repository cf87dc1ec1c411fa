// The selector reader the monitoring checks rely on: metric names and matchers out of real PromQL shapes, never a
// function, keyword, label name, duration or string taken for a metric.

import { describe, expect, it } from "vitest";
import { selectors, templateSelectors, withGrafanaVariables } from "../support/promql";

const names = (expr: string) => selectors(expr).map((s) => s.metric);

describe("PromQL selectors", () => {
  it("reads names and matchers through functions, aggregations, ranges and label lists", () => {
    expect(
      selectors(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_seconds_bucket{route=~"proxy\\\\..+",x!="y"}[5m])))',
      ),
    ).toEqual([
      {
        metric: "http_seconds_bucket",
        matchers: [
          { label: "route", op: "=~", value: "proxy\\..+" },
          { label: "x", op: "!=", value: "y" },
        ],
      },
    ]);
    expect(names("sum(rate(a_total[5m])) by (scope) / ignoring (scope) group_left (le) b offset 1h > 0.5")).toEqual([
      "a_total",
      "b",
    ]);
  });

  it("ignores keywords, numbers with units, strings and comments", () => {
    expect(
      names(
        '(sum(x{s=~"5.."}) or vector(0)) / y > 1e6 and on () z bool == 1 unless absent(w) # not_a_metric\n * 200 * 1024',
      ),
    ).toEqual(["x", "y", "z", "w"]);
    expect(names('{__name__="by_name", a="b"}')).toEqual(["by_name"]);
    expect(names("changes(p[30m]) > 2 and on (job, instance) q")).toEqual(["p", "q"]);
  });

  it("reads Grafana's label_values queries and replaces its variables for promtool", () => {
    expect(templateSelectors('label_values(concierge_enabled{job=~"$job"}, shop)').map((s) => s.metric)).toEqual([
      "concierge_enabled",
    ]);
    expect(templateSelectors("label_values(job)")).toEqual([]);
    expect(withGrafanaVariables('rate(a{job=~"$job"}[$__rate_interval]) and b[$__range]')).toBe(
      'rate(a{job=~"var_job"}[5m]) and b[5m]',
    );
  });

  it("refuses a selector it cannot read rather than guessing", () => {
    expect(() => selectors("a{b=c}")).toThrow(/label matcher/);
  });
});
