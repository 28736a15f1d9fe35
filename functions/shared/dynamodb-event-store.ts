/** EventStore on the single DynamoDB table, through the lib-dynamodb document client. */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { KEY_PREFIX, TABLE } from "./contract";
import { batchGetItems, conditionHeld, withoutKeys, type Item } from "./dynamodb-items";
import type { Attendance, EventAccess, EventFields, EventRecord, EventStore, Page, PutEventOutcome } from "./event-store";
import { attendanceKey, eventKey, eventPk, userEventsIndexKeys } from "./keys";

export class DynamoEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putEvent(eventId: string, fields: EventFields, organizerSub: string, now: Date): Promise<PutEventOutcome> {
    const set = [
      "#eventId = :eventId",
      "#name = :name",
      "#visibility = :visibility",
      "#organizerSub = if_not_exists(#organizerSub, :caller)",
      "#createdAt = if_not_exists(#createdAt, :now)",
      "#updatedAt = :now",
    ];
    const remove: string[] = [];
    const values: Item = {
      ":eventId": eventId,
      ":name": fields.name,
      ":visibility": fields.visibility,
      ":caller": organizerSub,
      ":now": now.toISOString(),
    };
    // A PUT replaces the event's fields: a time left out is removed.
    for (const field of ["startsAt", "endsAt"] as const) {
      if (fields[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = fields[field];
      }
    }
    let previous: Item | undefined;
    const held = await conditionHeld(
      this.client
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: eventKey(eventId),
            UpdateExpression: `SET ${set.join(", ")}${remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""}`,
            // New, or organized by the caller: nobody takes over another organizer's event.
            ConditionExpression: "attribute_not_exists(#pk) OR #organizerSub = :caller",
            ExpressionAttributeNames: {
              "#pk": TABLE.partitionKey,
              "#eventId": "eventId",
              "#name": "name",
              "#visibility": "visibility",
              "#organizerSub": "organizerSub",
              "#createdAt": "createdAt",
              "#updatedAt": "updatedAt",
              "#startsAt": "startsAt",
              "#endsAt": "endsAt",
            },
            ExpressionAttributeValues: values,
            ReturnValues: "ALL_OLD",
          }),
        )
        .then((result) => {
          previous = result.Attributes;
        }),
    );
    if (!held) return "not_event_organizer";
    return previous === undefined ? "created" : "updated";
  }

  async getEvent(eventId: string): Promise<EventRecord | undefined> {
    const { Item: item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: eventKey(eventId), ConsistentRead: true }));
    return item && toEvent(item);
  }

  async getAccess(eventId: string, userSub: string): Promise<EventAccess> {
    const items = await batchGetItems(this.client, this.tableName, [eventKey(eventId), attendanceKey(eventId, userSub)]);
    const event = items.find((item) => item[TABLE.sortKey] === eventKey(eventId).sk);
    const attendance = items.find((item) => item[TABLE.sortKey] === attendanceKey(eventId, userSub).sk);
    return { event: event && toEvent(event), attendance: attendance && toAttendance(attendance) };
  }

  async getEvents(eventIds: readonly string[]): Promise<EventRecord[]> {
    if (eventIds.length === 0) return [];
    return (await batchGetItems(this.client, this.tableName, eventIds.map(eventKey))).map(toEvent);
  }

  async registerAttendee(eventId: string, user: { readonly sub: string; readonly email: string | undefined }, now: Date): Promise<void> {
    const index = userEventsIndexKeys(user.sub, eventId);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: attendanceKey(eventId, user.sub),
        // Registering again keeps the first registration time and the upload count.
        UpdateExpression: [
          "SET eventId = :eventId, userSub = :sub, #gsiPk = :gsiPk, #gsiSk = :gsiSk",
          "registeredAt = if_not_exists(registeredAt, :now), uploads = if_not_exists(uploads, :zero)",
          ...(user.email === undefined ? [] : ["email = :email"]),
        ].join(", "),
        ExpressionAttributeNames: { "#gsiPk": TABLE.userEventsIndex.partitionKey, "#gsiSk": TABLE.userEventsIndex.sortKey },
        ExpressionAttributeValues: {
          ":eventId": eventId,
          ":sub": user.sub,
          ":gsiPk": index[TABLE.userEventsIndex.partitionKey],
          ":gsiSk": index[TABLE.userEventsIndex.sortKey],
          ":now": now.toISOString(),
          ":zero": 0,
          ...(user.email === undefined ? {} : { ":email": user.email }),
        },
      }),
    );
  }

  async removeAttendee(eventId: string, userSub: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: attendanceKey(eventId, userSub) }));
  }

  async listAttendees(eventId: string, limit: number, afterUserSub?: string): Promise<Page<Attendance>> {
    const page = await this.query(
      {
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
        ExpressionAttributeNames: { "#pk": TABLE.partitionKey, "#sk": TABLE.sortKey },
        ExpressionAttributeValues: { ":pk": eventPk(eventId), ":prefix": KEY_PREFIX.attendee },
        ExclusiveStartKey: afterUserSub === undefined ? undefined : attendanceKey(eventId, afterUserSub),
      },
      limit,
    );
    return { items: page.items.map(toAttendance), hasMore: page.hasMore };
  }

  async listUserEventIds(userSub: string, limit: number, afterEventId?: string): Promise<Page<string>> {
    const { name, partitionKey, sortKey } = TABLE.userEventsIndex;
    const page = await this.query(
      {
        IndexName: name,
        KeyConditionExpression: "#gsiPk = :user",
        ExpressionAttributeNames: { "#gsiPk": partitionKey },
        ExpressionAttributeValues: { ":user": `${KEY_PREFIX.user}${userSub}` },
        // An index's start key holds the table's keys and the index's.
        ExclusiveStartKey:
          afterEventId === undefined ? undefined : { ...attendanceKey(afterEventId, userSub), ...userEventsIndexKeys(userSub, afterEventId) },
      },
      limit,
    );
    return { items: page.items.map((item) => String(item[sortKey]).slice(KEY_PREFIX.event.length)), hasMore: page.hasMore };
  }

  async countUpload(eventId: string, userSub: string, quota: number): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: attendanceKey(eventId, userSub),
          UpdateExpression: "SET uploads = if_not_exists(uploads, :zero) + :one",
          // Registered, and under the quota: both checked by the one write that counts.
          ConditionExpression: "attribute_exists(#pk) AND (attribute_not_exists(uploads) OR uploads < :quota)",
          ExpressionAttributeNames: { "#pk": TABLE.partitionKey },
          ExpressionAttributeValues: { ":zero": 0, ":one": 1, ":quota": quota },
        }),
      ),
    );
  }

  /** One page of a Query; one more item than asked tells whether another page exists without a second round trip. */
  private async query(input: Omit<ConstructorParameters<typeof QueryCommand>[0], "TableName" | "Limit">, limit: number): Promise<Page<Item>> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, Limit: limit + 1 }));
    const items = Items.slice(0, limit);
    // A response cut short by DynamoDB's 1 MB page size also has more behind it.
    return { items, hasMore: Items.length > limit || (LastEvaluatedKey !== undefined && items.length > 0) };
  }
}

function toEvent(item: Item): EventRecord {
  const record = withoutKeys(item) as Omit<EventRecord, "startsAt" | "endsAt"> & { startsAt?: string; endsAt?: string };
  return { ...record, startsAt: record.startsAt ?? null, endsAt: record.endsAt ?? null };
}

function toAttendance(item: Item): Attendance {
  const record = withoutKeys(item) as Omit<Attendance, "email" | "uploads"> & { email?: string; uploads?: number };
  return { ...record, email: record.email ?? null, uploads: record.uploads ?? 0 };
}
