/**
 * `npm run upload -- <file> --event <id> --title <text> [--description <text>]`: signs in, uploads
 * one photo with a progress bar and prints its URL once the processor has accepted it (or why it
 * was rejected).
 */
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { ClientError } from "../../client/errors";
import { putFile } from "../../client/node-put";
import { uploadPhoto } from "../../client/upload-photo";
import { CONTENT_TYPES, contentTypeForExtension, type AcceptedContentType } from "../../functions/shared/contract";
import { SESSION_OPTIONS, openSession, required, sessionHelp } from "./session";

const HELP = `Usage: npm run upload -- <file> --event <id> --title <text> [--description <text>] [options]

Signs in, uploads <file> (.jpg, .jpeg, .png or .webp) to the event, waits until the photo is ready
or rejected, and prints its URL. By default everything comes from the local stack's stack file;
options, or their environment variables, override it (all of --api-url, --client-id, --username
and --password make the stack file unnecessary, e.g. against a deployed stage).

Options:
  --event <id>              event to upload to (required)
  --title <text>            photo title (required)
  --description <text>      photo description
${sessionHelp("UPLOAD", "the stack file's first attendee of the event")}
  --timeout <seconds>       how long to wait for processing [default 60]
  --help                    show this help`;

/** The accepted content type a file's extension stands for. */
function contentTypeOf(file: string): AcceptedContentType {
  const extension = extname(file).slice(1).toLowerCase().replace(/^jpeg$/, "jpg");
  const type = contentTypeForExtension(extension);
  if (!type) {
    const accepted = Object.values(CONTENT_TYPES).map((entry) => `.${entry.extension}`);
    throw new ClientError("usage", `${file} has extension "${extname(file)}"; upload a ${accepted.join(", ")} or .jpeg file`);
  }
  return type;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ...SESSION_OPTIONS,
      event: { type: "string" },
      title: { type: "string" },
      description: { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const file = required(positionals[0], "the file to upload", "upload");
  const eventId = required(values.event, "--event", "upload");
  const title = required(values.title, "--title", "upload");
  const timeoutSeconds = Number(values.timeout ?? "60");
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new ClientError("usage", `--timeout is "${values.timeout}"; give a positive number of seconds`);
  const contentType = contentTypeOf(file);
  const { size } = await stat(file);

  const { api } = await openSession({
    values,
    command: "upload",
    envPrefix: "UPLOAD",
    defaultUser: (stack) => stack.users.find((user) => user.attendeeOf.includes(eventId) && user.organizerOf.length === 0) ?? stack.users[0],
  });
  const photo = await uploadPhoto({
    api,
    eventId,
    title,
    description: values.description,
    contentType,
    contentLength: size,
    put: putFile(file, size),
    onProgress: drawProgress,
    timeoutMs: timeoutSeconds * 1000,
  });
  process.stderr.write("\n");
  if (photo.status === "rejected") {
    const reason = photo.rejection ? `${photo.rejection.message} (${photo.rejection.code})` : "no reason given";
    throw new ClientError("api", `photo ${photo.id} was rejected by the processor: ${reason}`);
  }
  console.log(photo.url);
}

function drawProgress(sent: number, total: number): void {
  const width = 30;
  const fraction = total === 0 ? 1 : sent / total;
  const filled = Math.round(fraction * width);
  const bar = `${"#".repeat(filled)}${" ".repeat(width - filled)}`;
  process.stderr.write(`\r[${bar}] ${Math.round(fraction * 100)}% ${formatBytes(sent)}/${formatBytes(total)}`);
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

main().catch((error: unknown) => {
  console.error(`upload failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
