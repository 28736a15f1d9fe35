/** PhotoStore on the single DynamoDB table, through the lib-dynamodb document client. */
import { setTimeout as delay } from "node:timers/promises";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { KEY_PREFIX, TABLE } from "./contract";
import { attendanceKey, eventPk, photoKey, uploadKey, type ItemKey } from "./keys";
import type { Photo, PhotoPage, PhotoStore, Rejection, UploadIntent, UploadRecord } from "./photo-store";

type Item = Record<string, unknown>;

export class DynamoPhotoStore implements PhotoStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isAttendee(eventId: string, userSub: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: attendanceKey(eventId, userSub), ProjectionExpression: TABLE.partitionKey }),
    );
    return Item !== undefined;
  }

  async createIntent(intent: UploadIntent): Promise<void> {
    await this.putNew({ ...uploadKey(intent.eventId, intent.photoId), ...intent });
  }

  async getUpload(eventId: string, photoId: string): Promise<UploadRecord> {
    const intentKey = uploadKey(eventId, photoId);
    const items = await this.batchGet([intentKey, photoKey(eventId, photoId)]);
    const intent = items.find((item) => item[TABLE.sortKey] === intentKey.sk);
    const photo = items.find((item) => item[TABLE.sortKey] !== intentKey.sk);
    return { intent: intent && (withoutKeys(intent) as unknown as UploadIntent), photo: photo && toPhoto(photo) };
  }

  async createPhoto(photo: Photo): Promise<boolean> {
    return conditionHeld(this.putNew(photoItem(photo)));
  }

  async rejectIntent(eventId: string, photoId: string, rejection: Rejection): Promise<void> {
    await conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadKey(eventId, photoId),
          UpdateExpression: "SET #status = :rejected, rejection = :rejection",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":rejected": "rejected", ":pending": "pending", ":rejection": { code: rejection.code, message: rejection.message } },
        }),
      ),
    );
  }

  async deletePhoto(eventId: string, photoId: string, etag: string): Promise<void> {
    await conditionHeld(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: photoKey(eventId, photoId),
          ConditionExpression: "#etag = :etag",
          ExpressionAttributeNames: { "#etag": "etag" },
          ExpressionAttributeValues: { ":etag": etag },
        }),
      ),
    );
  }

  async listPhotos(eventId: string, limit: number, afterPhotoId?: string): Promise<PhotoPage> {
    // One more than asked tells whether another page exists without a second round trip.
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :photo)",
        ExpressionAttributeNames: { "#pk": TABLE.partitionKey, "#sk": TABLE.sortKey },
        ExpressionAttributeValues: { ":pk": eventPk(eventId), ":photo": KEY_PREFIX.photo },
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: afterPhotoId === undefined ? undefined : photoKey(eventId, afterPhotoId),
      }),
    );
    const photos = Items.slice(0, limit).map(toPhoto);
    // A response cut short by DynamoDB's 1 MB page size also has more behind it.
    return { photos, hasMore: Items.length > limit || (LastEvaluatedKey !== undefined && photos.length > 0) };
  }

  /** Puts an item whose key must not exist yet; ConditionalCheckFailedException when it does. */
  private async putNew(item: Item): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": TABLE.partitionKey },
      }),
    );
  }

  private async batchGet(keys: readonly ItemKey[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending: ItemKey[] | undefined = [...keys];
    // BatchGetItem may leave keys unprocessed under throttling; ask again for just those, backing off.
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await delay(25 * 2 ** Math.min(attempt, 6));
      const { Responses, UnprocessedKeys }: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> } =
        await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(Responses?.[this.tableName] ?? []));
      pending = UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
    }
    return items;
  }
}

/** Awaits a conditional write; false when its condition failed and the write was left undone. */
/** A photo as the table stores it: its key and its fields. Seeders write this shape too. */
export function photoItem(photo: Photo): Item {
  return { ...photoKey(photo.eventId, photo.photoId), ...photo };
}

async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

function withoutKeys(item: Item): Item {
  const rest = { ...item };
  delete rest[TABLE.partitionKey];
  delete rest[TABLE.sortKey];
  return rest;
}

function toPhoto(item: Item): Photo {
  return withoutKeys(item) as unknown as Photo;
}
