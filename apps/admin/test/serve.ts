// A manual run of the test stack: `pnpm exec tsx test/serve.ts`, then open the printed URL.
import { startStack, users } from "./stack.ts"

const stack = await startStack()
console.log(`admin: ${stack.adminUrl}  api: ${stack.api.url}`)
console.log(users)
process.on("SIGINT", () => void stack.stop().then(() => process.exit(0)))
process.on("SIGTERM", () => void stack.stop().then(() => process.exit(0)))
