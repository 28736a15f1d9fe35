/**
 * Attendance items (`EVENT#{eventId}` / `ATTENDEE#{userSub}`): whoever registers attendees (the
 * local stack's seeder, an admin script) writes them with this, so the key scheme stays in keys.ts.
 */
import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { attendanceKey } from "./keys";

export async function putAttendance(
  client: DynamoDBDocumentClient,
  tableName: string,
  eventId: string,
  userSub: string,
): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: { ...attendanceKey(eventId, userSub), eventId, userSub } }));
}
