/** PhotoStore on the single DynamoDB table, through the lib-dynamodb document client. */
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { KEY_PREFIX, TABLE } from "./contract";
import { batchGetItems, conditionHeld, withoutKeys, type Item } from "./dynamodb-items";
import { eventPk, photoKey, uploadKey } from "./keys";
import type { Photo, PhotoPage, PhotoStore, Rejection, UploadIntent, UploadRecord } from "./photo-store";

export class DynamoPhotoStore implements PhotoStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createIntent(intent: UploadIntent): Promise<void> {
    await this.putNew({ ...uploadKey(intent.eventId, intent.photoId), ...intent });
  }

  async getUpload(eventId: string, photoId: string): Promise<UploadRecord> {
    const intentKey = uploadKey(eventId, photoId);
    const items = await batchGetItems(this.client, this.tableName, [intentKey, photoKey(eventId, photoId)]);
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

  async markDeleted(eventId: string, photoId: string, expiresAtEpoch: number): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: uploadKey(eventId, photoId),
        UpdateExpression: "SET #status = :deleted, #ttl = :ttl, eventId = :eventId, photoId = :photoId",
        ExpressionAttributeNames: { "#status": "status", "#ttl": TABLE.ttlAttribute },
        ExpressionAttributeValues: { ":deleted": "deleted", ":ttl": expiresAtEpoch, ":eventId": eventId, ":photoId": photoId },
      }),
    );
  }

  async removePhoto(eventId: string, photoId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: photoKey(eventId, photoId) }));
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
}

/** A photo as the table stores it: its key and its fields. Seeders write this shape too. */
export function photoItem(photo: Photo): Item {
  return { ...photoKey(photo.eventId, photo.photoId), ...photo };
}

function toPhoto(item: Item): Photo {
  return withoutKeys(item) as unknown as Photo;
}
