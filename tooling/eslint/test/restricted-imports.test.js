// The layering rule, run by ESLint itself on source text as it would be in each app.
import { ESLint } from "eslint"
import { describe, expect, it } from "vitest"
import base from "../base.js"

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: base,
  cwd: new URL("../../..", import.meta.url).pathname
})

const restricted = async (code, filePath) => {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages
    .filter((message) => message.ruleId === "no-restricted-imports" || message.ruleId === "no-restricted-syntax")
    .map((message) => message.message)
}

describe("no app imports another app", () => {
  it("fails an import of the API's server code, in source and in tests", async () => {
    expect(
      await restricted(
        'import { startServer } from "@sukoyaka/api"\nexport const s = startServer\n',
        "apps/cli/src/commands/serve.ts"
      )
    ).toEqual([expect.stringContaining("An app never imports another app")])
    expect(
      await restricted(
        'import type { RunningServer } from "@sukoyaka/api"\nexport type S = RunningServer\n',
        "apps/dashboard/test/once.test.ts"
      )
    ).toHaveLength(1)
    expect(
      await restricted('export { createApp } from "@sukoyaka/api/src/app.ts"\n', "apps/admin/test/stack.ts")
    ).toHaveLength(1)
    expect(
      await restricted(
        'const cli = await import("@sukoyaka/cli")\nexport { cli }\n',
        "tests/reliability/src/harness.ts"
      )
    ).toHaveLength(1)
    expect(
      await restricted('export const client = await import("@sukoyaka/api/client")\n', "apps/admin/src/x.ts")
    ).toEqual([])
    expect(
      await restricted('import { App } from "@sukoyaka/dashboard"\nexport { App }\n', "apps/cli/src/main.ts")
    ).toHaveLength(1)
  })

  it("lets every app use the typed API client and the application layer", async () => {
    expect(
      await restricted(
        'import { createClient } from "@sukoyaka/api/client"\nexport { createClient }\n',
        "apps/dashboard/src/data/httpSource.ts"
      )
    ).toEqual([])
    expect(
      await restricted(
        'import { rollover } from "@sukoyaka/app"\nimport { startApiForTest } from "@sukoyaka/app/testing"\nexport { rollover, startApiForTest }\n',
        "apps/cli/src/x.ts"
      )
    ).toEqual([])
  })
})
