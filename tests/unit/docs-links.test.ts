// Documentation that moved stays reachable: every relative link (and image) in README.md and Docs/**/*.md points at a
// file that exists, and every #anchor into a Markdown file names one of its headings (GitHub's slugs).

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const files = [
  "README.md",
  ...readdirSync("Docs", { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("Docs", f)),
];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe("documentation links", () => {
  it("finds the documents", () => {
    expect(files).toContain("Docs/runbooks/concierge-ops.md");
    expect(files).toContain("Docs/runbooks/concierge-incidents.md");
  });

  for (const file of files) {
    it(`${file}: every relative link and image resolves`, () => {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      const broken: string[] = [];
      for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1];
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path, anchor] = target.split("#");
        const resolved = path ? normalize(join(dirname(file), path)) : file;
        if (!existsSync(resolved)) {
          broken.push(`${target} (no ${resolved})`);
          continue;
        }
        if (anchor && resolved.endsWith(".md") && statSync(resolved).isFile() && !anchors(resolved).has(anchor)) {
          broken.push(`${target} (no heading #${anchor} in ${resolved})`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
