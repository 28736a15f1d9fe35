/** Invalidating the photos distribution's cached paths once a photo is gone. */
import { CreateInvalidationCommand, type CloudFrontClient } from "@aws-sdk/client-cloudfront";

export interface Cdn {
  /**
   * Drops `paths` from every edge cache. `reference` names the request: CloudFront answers a repeat
   * with the same reference and paths with the first invalidation, so a retry costs nothing.
   */
  invalidate(paths: readonly string[], reference: string): Promise<void>;
}

export class CloudFrontCdn implements Cdn {
  constructor(
    private readonly client: CloudFrontClient,
    private readonly distributionId: string,
  ) {}

  async invalidate(paths: readonly string[], reference: string): Promise<void> {
    await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: [...paths] } },
      }),
    );
  }
}
