/**
 * Finding users by email in the Cognito user pool. The pool signs users in by email, so
 * AdminGetUser takes the address as the username: one call per address, answered by an exact,
 * case-insensitive lookup (ListUsers' filter also needs one call per address, under a lower quota).
 */
import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";

export interface DirectoryUser {
  readonly sub: string;
  readonly email: string;
}

export interface UserDirectory {
  /** The user whose email is `email`, or undefined when there is none. */
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
}

export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async findByEmail(email: string): Promise<DirectoryUser | undefined> {
    try {
      const { UserAttributes = [] } = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }));
      const attribute = (name: string) => UserAttributes.find((candidate) => candidate.Name === name)?.Value;
      const sub = attribute("sub");
      if (!sub) throw new Error(`Cognito returned user ${email} without a sub attribute`);
      return { sub, email: attribute("email") ?? email };
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }
}
