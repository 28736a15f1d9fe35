/**
 * Facts that the Terraform stacks, the Lambda handlers, the local stack and the client must agree
 * on, defined once and imported by all of them. No dependencies: the web app bundles this too.
 */
export * from "./cors";
export * from "./env";
export * from "./functions";
export * from "./limits";
export * from "./routes";
export * from "./storage";
export * from "./web";
