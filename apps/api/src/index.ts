export { API_BASE, type AppType, createApp } from "./app.ts"
export { createClient, type Client } from "./client.ts"
export { type RunningServer, startServer } from "./server.ts"
