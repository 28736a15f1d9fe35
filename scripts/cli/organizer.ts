/**
 * `npm run organizer -- <command>`: what an event's organizer does from a terminal, through the API,
 * against the local stack (no options) or a deployed stage (the session options):
 *   create-event <eventId> --name <text> [--starts-at <iso>] [--ends-at <iso>] [--visibility signed-in|attendees]
 *   register <eventId> --csv <file>     register the addresses of a CSV (an "email" column, or the first)
 *   attendees <eventId>                 list the attendees with their upload counts
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import type { ApiClient } from "../../client/api";
import { ClientError } from "../../client/errors";
import { LIMITS, VISIBILITIES, type Visibility } from "../../functions/shared/contract";
import { SESSION_OPTIONS, openSession, required, sessionHelp } from "./session";

const HELP = `Usage: npm run organizer -- <command> <eventId> [options]

Commands:
  create-event <eventId> --name <text> [--starts-at <iso>] [--ends-at <iso>] [--visibility ${VISIBILITIES.join("|")}]
                            create the event (you become its organizer) or replace its fields
  register <eventId> --csv <file>
                            register every address of the CSV (its "email" column, or its first),
                            ${LIMITS.registerMaxEmails} per request, and report who was not found
  attendees <eventId>       list the event's attendees and their upload counts

Options:
${sessionHelp("ORGANIZER", "the stack file's organizer")}
  --help                    show this help`;

/** The addresses of a CSV: its `email` column when a header names one, otherwise its first column. */
export function emailsOfCsv(text: string): string[] {
  const rows = (parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][]).filter((row) => row.some(Boolean));
  const header = rows[0]?.map((cell) => cell.toLowerCase()) ?? [];
  const column = Math.max(header.indexOf("email"), 0);
  const body = header.includes("email") ? rows.slice(1) : rows;
  return [...new Set(body.map((row) => row[column] ?? "").filter(Boolean))];
}

async function createEvent(api: ApiClient, eventId: string, values: { name?: string; "starts-at"?: string; "ends-at"?: string; visibility?: string }): Promise<void> {
  const visibility = values.visibility;
  if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility)) {
    throw new ClientError("usage", `--visibility is "${visibility}"; use one of ${VISIBILITIES.join(", ")}`);
  }
  const event = await api.putEvent(eventId, {
    name: required(values.name, "--name", "organizer"),
    ...(values["starts-at"] !== undefined && { startsAt: values["starts-at"] }),
    ...(values["ends-at"] !== undefined && { endsAt: values["ends-at"] }),
    ...(visibility !== undefined && { visibility: visibility as Visibility }),
  });
  console.log(`event ${event.eventId} "${event.name}" (${event.visibility}); you are its ${event.role}`);
}

async function register(api: ApiClient, eventId: string, csvFile: string): Promise<void> {
  const emails = emailsOfCsv(readFileSync(csvFile, "utf8"));
  if (emails.length === 0) throw new ClientError("usage", `${csvFile} holds no addresses; give a CSV with an "email" column or one address per line`);
  const notFound: string[] = [];
  let registered = 0;
  for (let start = 0; start < emails.length; start += LIMITS.registerMaxEmails) {
    const batch = emails.slice(start, start + LIMITS.registerMaxEmails);
    const result = await api.registerAttendees(eventId, batch);
    registered += result.registered.length;
    notFound.push(...result.notFound);
    console.log(`registered ${start + batch.length}/${emails.length} addresses`);
  }
  console.log(`${registered} registered for ${eventId}; ${notFound.length} not found${notFound.length > 0 ? `: ${notFound.join(", ")}` : ""}`);
}

async function listAttendees(api: ApiClient, eventId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await api.listAttendees(eventId, { limit: LIMITS.listMaxLimit, ...(cursor && { cursor }) });
    for (const attendee of page.attendees) console.log(`${attendee.email ?? "(no email)"}\t${attendee.userId}\t${attendee.uploads} uploads\tsince ${attendee.registeredAt}`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ...SESSION_OPTIONS,
      name: { type: "string" },
      "starts-at": { type: "string" },
      "ends-at": { type: "string" },
      visibility: { type: "string" },
      csv: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const [command, eventIdArgument] = positionals;
  if (values.help || command === undefined) {
    console.log(HELP);
    return;
  }
  const commands: Record<string, (api: ApiClient, eventId: string) => Promise<void>> = {
    "create-event": (api, eventId) => createEvent(api, eventId, values),
    register: (api, eventId) => register(api, eventId, required(values.csv, "--csv", "organizer")),
    attendees: listAttendees,
  };
  const run = commands[command];
  if (!run) throw new ClientError("usage", `unknown command "${command}"; use one of ${Object.keys(commands).join(", ")}`);
  const eventId = required(eventIdArgument, "the event id", "organizer");
  const { api } = await openSession({
    values,
    command: "organizer",
    envPrefix: "ORGANIZER",
    defaultUser: (stack) => stack.users.find((user) => user.organizerOf.length > 0),
  });
  await run(api, eventId);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`organizer failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
