import { Construct } from "constructs";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserGroup } from "@cdktf/provider-aws/lib/cognito-user-group";
import { ORGANIZERS_GROUP } from "../../functions/shared/contract";

export interface UserDirectoryProps {
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** Refuse deletion of the user pool (production users). @default false */
  readonly deletionProtection?: boolean;
  /** Minimum password length. @default 12 */
  readonly minimumPasswordLength?: number;
  /** Anyone may sign up; otherwise only administrators create (or invite) users. @default true */
  readonly selfSignUp?: boolean;
  /** TOTP (authenticator app) multi-factor sign-in. @default "optional" */
  readonly mfa?: "off" | "optional" | "required";
}

const MFA_CONFIGURATION = { off: "OFF", optional: "OPTIONAL", required: "ON" } as const;

/**
 * Cognito user pool (email is the username, passwords of at least 12 characters, optional TOTP),
 * its public app client and the organizers group.
 */
export class UserDirectory extends Construct {
  readonly userPool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const deletionProtection = props.deletionProtection ?? false;
    const minimumPasswordLength = props.minimumPasswordLength ?? 12;
    const selfSignUp = props.selfSignUp ?? true;
    const mfa = props.mfa ?? "optional";

    this.userPool = new CognitoUserPool(this, "user-pool", {
      name: `${props.namePrefix}-users`,
      usernameAttributes: ["email"],
      autoVerifiedAttributes: ["email"],
      usernameConfiguration: { caseSensitive: false },
      passwordPolicy: {
        minimumLength: minimumPasswordLength,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      adminCreateUserConfig: { allowAdminCreateUserOnly: !selfSignUp },
      // TOTP only: SMS would need an SNS role and costs per message.
      mfaConfiguration: MFA_CONFIGURATION[mfa],
      softwareTokenMfaConfiguration: mfa === "off" ? undefined : { enabled: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      deletionProtection: deletionProtection ? "ACTIVE" : "INACTIVE",
    });
    // Public client (browsers and apps cannot keep a secret): no secret, SRP or password login.
    this.client = new CognitoUserPoolClient(this, "app-client", {
      name: `${props.namePrefix}-app`,
      userPoolId: this.userPool.id,
      generateSecret: false,
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
    });
    // Members may create events (the put-event function checks `cognito:groups` for it).
    new CognitoUserGroup(this, "organizers", {
      name: ORGANIZERS_GROUP,
      userPoolId: this.userPool.id,
      description: "Event organizers",
    });
  }
}
