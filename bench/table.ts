// Prints one benchmark table as Markdown (what every bench in this folder reports), and keeps it for the suite's
// summary (bench/suite.ts).

export interface PrintedTable {
  title: string;
  rows: Record<string, string | number>[];
}

/** Every table printed in this process, in order. */
export const printedTables: PrintedTable[] = [];

export function table(title: string, rows: Record<string, string | number>[]): void {
  printedTables.push({ title, rows });
  console.log(`\n## ${title}\n`);
  const headers = Object.keys(rows[0]);
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`|${headers.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${headers.map((h) => row[h]).join(" | ")} |`);
}
