import { BEGIN_MARKER, END_MARKER, renderGeneratedSection, replaceGeneratedSection } from "../../../scripts/bench/report";
import { checkTargets } from "../../../scripts/bench/targets";
import { sampleBenchResults } from "../../helpers/bench-results";

describe("replaceGeneratedSection", () => {
  it("replaces only what lies between the markers", () => {
    const document = `# Benchmarks\n\nintro\n\n${BEGIN_MARKER}\nold figures\n${END_MARKER}\n\n## Analysis\nkept\n`;
    const updated = replaceGeneratedSection(document, "new figures");
    expect(updated).toBe(`# Benchmarks\n\nintro\n\n${BEGIN_MARKER}\nnew figures\n${END_MARKER}\n\n## Analysis\nkept\n`);
  });

  it("appends the section to a document without markers", () => {
    expect(replaceGeneratedSection("# Benchmarks\n", "figures")).toBe(`# Benchmarks\n\n${BEGIN_MARKER}\nfigures\n${END_MARKER}\n`);
  });
});

describe("renderGeneratedSection", () => {
  it("names the machine and date and marks a missed target", () => {
    const results = sampleBenchResults();
    const missed = { ...results, presign: { ...results.presign, roundTrips: 3 } };
    const section = renderGeneratedSection(missed, checkTargets(missed));
    expect(section).toContain("2026-01-01T00:00:00.000Z on Test CPU (2 cores, 4 GiB)");
    expect(section).toContain("| initiate round trips | roundTrips = 3 | <= 2 | **no** |");
    expect(section).toContain("| list first page | large.p50Ms / small.p50Ms = 1.25 | <= 1.5 | yes |");
    expect(section).toContain("| processor batch, in-region network | inRegion.sequentialMs / inRegion.concurrentMs = 4 | >= 4 | yes |");
    expect(section).toContain("| load: server errors | 5xx + unanswered, all routes = 0 | <= 0 | yes |");
  });

  it("puts the processor's loopback ratio next to the in-region one, and each load route's percentiles", () => {
    const results = sampleBenchResults();
    const section = renderGeneratedSection(results, checkTargets(results));
    expect(section).toContain("| processor, 100 records, loopback | batch 500 ms, one at a time 750 ms (sequentialMs / concurrentMs = 1.50), 3 round trips per record |");
    expect(section).toContain(
      "| processor, 100 records, in-region network (S3 20 ms, DynamoDB 5 ms a request) | batch 1500 ms, one at a time 6000 ms (sequentialMs / concurrentMs = 4) |",
    );
    expect(section).toContain("| load on npm start: getPhoto, 300 requests over 100 connections, the three routes at once | p50 20 ms, p99 70 ms, 0 5xx, 0 unanswered |");
  });
});
