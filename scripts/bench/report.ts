/**
 * BENCHMARKS.md: the bench rewrites only the part between the markers (figures, machine, targets);
 * the analysis around it is written by people and kept.
 */
import type { BenchResults } from "./results";
import type { TargetCheck } from "./targets";

export const BEGIN_MARKER = "<!-- bench:begin (written by npm run bench; edit outside the markers) -->";
export const END_MARKER = "<!-- bench:end -->";

/** `document` with its generated section replaced; a document without markers gets them appended. */
export function replaceGeneratedSection(document: string, section: string): string {
  const generated = `${BEGIN_MARKER}\n${section.trim()}\n${END_MARKER}`;
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return `${document.trimEnd()}${document.trim() ? "\n\n" : ""}${generated}\n`;
  return `${document.slice(0, begin)}${generated}${document.slice(end + END_MARKER.length)}`;
}

export function renderGeneratedSection(results: BenchResults, targets: readonly TargetCheck[]): string {
  const { machine, synth, coldStart, presign, processor, list, registration, imagePipeline, pixelLimitMemory, load, web } = results;
  const { inRegion } = processor;
  const network = ({ latencyMs, downloadKbps, uploadKbps }: BenchResults["web"]["browser"]["slowMobile"]) =>
    [`${latencyMs} ms latency`, downloadKbps ? `${downloadKbps} kbit/s down` : "", uploadKbps ? `${uploadKbps} kbit/s up` : "no bandwidth cap"].filter(Boolean).join(", ");
  const lines = [
    `Measured ${machine.date} on ${machine.cpuModel} (${machine.cores} cores, ${machine.memoryGiB} GiB), node ${machine.node}, ${machine.os}.`,
    "",
    "### Targets",
    "",
    "| Target | Ratio | Limit | Met |",
    "| --- | --- | --- | --- |",
    ...targets.map((t) => `| ${t.name} | ${t.formula} = ${formatRatio(t.value)} | ${t.comparison} ${t.limit} | ${t.met ? "yes" : "**no**"} |`),
    "",
    "### Figures",
    "",
    "| Figure | Value |",
    "| --- | --- |",
    `| synth: full (build + every stack of every stage) | ${synth.fullSeconds} s |`,
    `| synth: floor (one bucket, deep import) | ${synth.floorSeconds} s |`,
    `| synth: conventional (same stacks, root import) | ${synth.conventionalSeconds} s |`,
    ...Object.entries(coldStart).map(
      ([name, figure]) =>
        `| cold start: ${name} | bundled ${figure.bundledMs} ms, unbundled ${figure.unbundledMs} ms, zip ${figure.zipBytes} bytes (bundle alone ${figure.bundleZipBytes}) |`,
    ),
    `| presign (initiate-upload) | p50 ${presign.p50Ms} ms, p99 ${presign.p99Ms} ms, ${presign.roundTrips} round trips |`,
    `| processor, ${processor.records} records, loopback | batch ${processor.concurrentMs} ms, one at a time ${processor.sequentialMs} ms (sequentialMs / concurrentMs = ${formatRatio(processor.sequentialMs / processor.concurrentMs)}), ${processor.roundTripsPerRecord} round trips per record |`,
    `| processor, ${processor.records} records, in-region network (S3 ${inRegion.s3LatencyMs} ms, DynamoDB ${inRegion.dynamodbLatencyMs} ms a request) | batch ${inRegion.concurrentMs} ms, one at a time ${inRegion.sequentialMs} ms (sequentialMs / concurrentMs = ${formatRatio(inRegion.sequentialMs / inRegion.concurrentMs)}) |`,
    `| registration, ${registration.emails} emails (${registration.found} with a user; pool of ${registration.poolUsers}) | ${registration.adminGetUserCalls} AdminGetUser + ${registration.dynamodbCalls} DynamoDB calls; ListUsers by filter ${registration.listUsersFilterCalls} calls; listing the pool ${registration.listUsersPagesForPool} pages |`,
    `| list first page, ${list.small.photos} photos | p50 ${list.small.p50Ms} ms |`,
    `| list first page, ${list.large.photos} photos | p50 ${list.large.p50Ms} ms |`,
    `| image pipeline, ${imagePipeline.megapixels} MP JPEG | pipeline ${imagePipeline.pipelineMs} ms, floor ${imagePipeline.floorMs} ms, naive ${imagePipeline.naiveMs} ms |`,
    `| one image at the pixel limit (${pixelLimitMemory.megapixels} MP) | peak RSS ${pixelLimitMemory.pngPeakMiB} MiB (PNG, Orientation=6), ${pixelLimitMemory.jpegPeakMiB} MiB (JPEG); processor memory ${pixelLimitMemory.memoryMb} MB |`,
    ...Object.entries(load.routes).map(
      ([route, figure]) =>
        `| load on npm start: ${route}, ${figure.requests} requests over ${load.connectionsPerRoute} connections, the three routes at once | p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms, ${figure.status5xx} 5xx, ${figure.unanswered} unanswered |`,
    ),
    ...web.bundle.assets.map((asset) => `| web asset ${asset.file}${asset.initial ? " (initial)" : ""} | ${asset.rawBytes} bytes, ${asset.gzipBytes} gzip |`),
    `| web initial JS | ${web.bundle.initialJsRawBytes} bytes, ${web.bundle.initialJsGzipBytes} gzip |`,
    `| web: ${web.browser.thumbnails} thumbnails painted | ${web.browser.thumbnailsPaintedMs} ms from navigation on loopback, ${web.browser.thumbnailsPaintedSlowMobileMs} ms on emulated slow mobile (${network(web.browser.slowMobile)}) |`,
    `| web: ${web.browser.uploads} uploads of ${web.browser.uploadBytes} bytes (${network(web.browser.uploadNetwork)}) | ${web.browser.concurrency} at a time ${web.browser.concurrentMs} ms, one at a time ${web.browser.sequentialMs} ms |`,
  ];
  return lines.join("\n");
}

function formatRatio(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
