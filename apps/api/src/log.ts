/** One JSON object per line on stdout. Callers pass no secrets: tokens, cookies and bodies are never logged. */
export const log = (level: "info" | "warn" | "error", message: string, fields: Record<string, unknown> = {}) => {
  if (process.env.SUKOYAKA_LOG === "silent") return
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`)
}
