import { parseGroups } from "../../../functions/shared/caller";

test.each([
  ["API Gateway's list format", "[organizers staff]", ["organizers", "staff"]],
  ["one group", "[organizers]", ["organizers"]],
  ["a JSON array", '["organizers","staff"]', ["organizers", "staff"]],
  ["a real array", ["organizers"], ["organizers"]],
  ["an empty list", "[]", []],
  ["no claim", undefined, []],
  ["a number", 5, []],
])("reads the groups claim given as %s", (_case, claim, groups) => {
  expect(parseGroups(claim)).toEqual(groups);
});
