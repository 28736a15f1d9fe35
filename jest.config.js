/** Tests are TypeScript compiled by swc: TypeScript 7 has no JS API for ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Builds dist/functions once per run: tests that synthesize read its manifest.
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }],
    // jose ships ES modules only; Jest runs CommonJS, so swc converts it too.
    "/node_modules/jose/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testTimeout: 60000,
};
