export { API_BASE, type AppType, createApp } from "./app.ts"
export { createClient, type Client } from "./client.ts"
export { configureLog } from "./log.ts"
export { type RunningServer, type ServerOptions, startServer } from "./server.ts"
