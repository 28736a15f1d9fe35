import { accessStatements, indexStatementSid, objectsStatementSid } from "../../stacks/function-access";

const TARGETS = {
  tableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/event-photos-dev-photos",
  bucketArn: "arn:aws:s3:::event-photos-dev-photos-eu-west-1",
  userPoolArn: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc",
  distributionArn: "arn:aws:cloudfront::123456789012:distribution/E123",
};

describe("accessStatements", () => {
  test("maps each index's actions to that index's ARN only", () => {
    expect(accessStatements({ tableIndexes: { "user-events": ["dynamodb:Query"], byDate: ["dynamodb:Query", "dynamodb:GetItem"] } }, TARGETS)).toEqual([
      { sid: "TableIndexUserEvents", effect: "Allow", actions: ["dynamodb:Query"], resources: [`${TARGETS.tableArn}/index/user-events`] },
      { sid: "TableIndexByDate", effect: "Allow", actions: ["dynamodb:Query", "dynamodb:GetItem"], resources: [`${TARGETS.tableArn}/index/byDate`] },
    ]);
  });

  test("maps user-pool actions to the stage's pool and CDN actions to the photos distribution", () => {
    expect(accessStatements({ userPool: ["cognito-idp:AdminGetUser"], cdn: ["cloudfront:CreateInvalidation"] }, TARGETS)).toEqual([
      { sid: "UserPool", effect: "Allow", actions: ["cognito-idp:AdminGetUser"], resources: [TARGETS.userPoolArn] },
      { sid: "Cdn", effect: "Allow", actions: ["cloudfront:CreateInvalidation"], resources: [TARGETS.distributionArn] },
    ]);
  });

  test("gives the table, each key prefix, each index, the pool and the CDN one statement each, in that order", () => {
    const statements = accessStatements(
      { table: ["dynamodb:GetItem"], tableIndexes: { gsi1: ["dynamodb:Query"] }, objects: { "photos/": ["s3:DeleteObject"] }, userPool: ["cognito-idp:ListUsers"], cdn: ["cloudfront:CreateInvalidation"] },
      TARGETS,
    );
    expect(statements.map((statement) => [statement.sid, statement.resources])).toEqual([
      ["Table", [TARGETS.tableArn]],
      ["TableIndexGsi1", [`${TARGETS.tableArn}/index/gsi1`]],
      ["ObjectsUnderPhotos", [`${TARGETS.bucketArn}/photos/*`]],
      ["UserPool", [TARGETS.userPoolArn]],
      ["Cdn", [TARGETS.distributionArn]],
    ]);
  });

  test("grants nothing for a kind with no actions", () => {
    expect(accessStatements({ table: [], tableIndexes: { gsi1: [] }, objects: { "uploads/": [] }, userPool: [], cdn: [] }, TARGETS)).toEqual([]);
  });

  test("statement ids are alphanumeric", () => {
    expect(objectsStatementSid("uploads/")).toBe("ObjectsUnderUploads");
    expect(indexStatementSid("events-by_user")).toBe("TableIndexEventsByUser");
  });
});
