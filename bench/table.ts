// Prints one benchmark table as Markdown (what every bench in this folder reports).

export function table(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}\n`);
  const headers = Object.keys(rows[0]);
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`|${headers.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${headers.map((h) => row[h]).join(" | ")} |`);
}
