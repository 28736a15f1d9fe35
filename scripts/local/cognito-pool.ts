/**
 * Creates, or on a restart finds again by name, the local user pool, its public app client and the
 * demo users, through the Cognito API as a real setup script would.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  GroupExistsException,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { EMULATOR_CLIENT_CONFIG } from "./emulators";
import { LocalStackError } from "./errors";

const POOL_NAME = "event-photos-local";
const CLIENT_NAME = "event-photos-local-app";

export interface UserPool {
  readonly userPoolId: string;
  readonly clientId: string;
}

export interface DemoUser {
  /** An e-mail address: cognito-local's pools sign in by e-mail. */
  readonly username: string;
  readonly password: string;
}

export function createCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ ...EMULATOR_CLIENT_CONFIG, endpoint });
}

export async function ensureUserPool(client: CognitoIdentityProviderClient): Promise<UserPool> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const userPoolId =
    pools.UserPools?.find((pool) => pool.Name === POOL_NAME)?.Id ??
    (await client.send(new CreateUserPoolCommand({ PoolName: POOL_NAME, UsernameAttributes: ["email"] }))).UserPool?.Id;
  if (!userPoolId) throw new LocalStackError(`cognito-local returned no id for user pool ${POOL_NAME}; restart with --fresh`);

  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const clientId =
    clients.UserPoolClients?.find((appClient) => appClient.ClientName === CLIENT_NAME)?.ClientId ??
    (
      await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: CLIENT_NAME,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      )
    ).UserPoolClient?.ClientId;
  if (!clientId) throw new LocalStackError(`cognito-local returned no id for app client ${CLIENT_NAME}; restart with --fresh`);
  return { userPoolId, clientId };
}

/** Creates the user with a permanent password unless it exists; returns its `sub`. */
export async function ensureUser(client: CognitoIdentityProviderClient, userPoolId: string, user: DemoUser): Promise<string> {
  const existing = await client
    .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.username }))
    .catch((error: unknown) => {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    });
  const attributes =
    existing?.UserAttributes ??
    (
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: user.username,
          UserAttributes: [
            { Name: "email", Value: user.username },
            { Name: "email_verified", Value: "true" },
          ],
          MessageAction: "SUPPRESS",
        }),
      )
    ).User?.Attributes;
  if (!existing) {
    await client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }),
    );
  }
  const sub = attributes?.find((attribute) => attribute.Name === "sub")?.Value;
  if (!sub) throw new LocalStackError(`cognito-local returned no sub for user ${user.username}; restart with --fresh`);
  return sub;
}

/** Makes the user a member of `group`, creating the group first if it does not exist yet. */
export async function ensureGroupMember(client: CognitoIdentityProviderClient, userPoolId: string, username: string, group: string): Promise<void> {
  await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group })).catch((error: unknown) => {
    if (!(error instanceof GroupExistsException)) throw error;
  });
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, GroupName: group, Username: username }));
}
