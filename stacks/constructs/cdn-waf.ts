import { Construct } from "constructs";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";

export interface CdnWafProps {
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** The us-east-1 provider: web ACLs of CLOUDFRONT scope exist only there. */
  readonly provider: AwsProvider;
  /** Requests one client IP may make in any 5 minutes before it is blocked. */
  readonly rateLimit: number;
}

/**
 * An AWS WAF web ACL for a CloudFront distribution: everything allowed except clients above a
 * per-IP request rate, with CloudWatch metrics and sampled requests for tuning the limit.
 */
export class CdnWaf extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: CdnWafProps) {
    super(scope, id);
    const name = `${props.namePrefix}-photos-cdn`;
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      provider: props.provider,
      name,
      description: "Rate limit per client IP in front of the photos CDN",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: [
        {
          name: "rate-limit-per-ip",
          priority: 0,
          action: { block: {} },
          // The provider types a rule's statement loosely, so cdktf passes it through: Terraform's names.
          statement: { rate_based_statement: { limit: props.rateLimit, aggregate_key_type: "IP" } },
          visibilityConfig: visibility(`${name}-rate-limit`),
        },
      ],
      visibilityConfig: visibility(name),
    });
  }
}
