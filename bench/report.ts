// How every benchmark prints its results: a markdown table under a title.

export function table(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}\n`);
  const headers = Object.keys(rows[0]);
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`|${headers.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${headers.map((h) => row[h]).join(" | ")} |`);
}
