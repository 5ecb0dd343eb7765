/*
 * The representations the API sends and takes, one module per resource. They live in the core,
 * beside the entities, so that the API's validation, its OpenAPI document, the admin UI's forms and
 * the typed clients all read one definition.
 */
export * from "./Problem.ts"
export * from "./Reviews.ts"
export * from "./Initiatives.ts"
export * from "./Targets.ts"
export * from "./Summary.ts"
export * from "./Session.ts"
export * from "./Users.ts"
export * from "./Tokens.ts"
export * from "./Rollover.ts"
export * from "./Structure.ts"
export * from "./PlanDefinition.ts"
export * from "./Cycles.ts"
export * from "./Dialogue.ts"
export * from "./Notifications.ts"
export * from "./Changes.ts"
export * from "./Trends.ts"
export * from "./Dashboard.ts"
export * from "./Webhooks.ts"
