import { describe, expect, it } from "vitest"
import { langOf, parseOptions, usage, usageFor } from "./options.ts"

const run = (argv: Array<string>, env: NodeJS.ProcessEnv = {}) => {
  const parsed = parseOptions(argv, env)
  if (parsed._tag !== "Run") throw new Error(`expected options, got ${parsed._tag}`)
  return parsed.options
}

describe("the command line", () => {
  it("reads the API from the options or the environment, the local database otherwise", () => {
    expect(run([])).toMatchObject({
      apiUrl: undefined,
      token: undefined,
      planId: "tomakomai-step3",
      fiscalYear: undefined,
      once: false,
      json: false,
      refreshSeconds: 30
    })
    expect(run([], { SUKOYAKA_API_URL: "http://api.example:8787", SUKOYAKA_TOKEN: "skt_env" })).toMatchObject({
      apiUrl: "http://api.example:8787",
      token: "skt_env"
    })
    expect(
      run(["--api-url", "https://x.example", "--token", "skt_flag"], {
        SUKOYAKA_API_URL: "http://other",
        SUKOYAKA_TOKEN: "skt_env"
      })
    ).toMatchObject({
      apiUrl: "https://x.example",
      token: "skt_flag"
    })
    expect(run([], { SUKOYAKA_API_URL: "", SUKOYAKA_TOKEN: "" })).toMatchObject({
      apiUrl: undefined,
      token: undefined
    })
  })

  it("takes --once, --json, --fiscal-year, --refresh, --width and --plan", () => {
    expect(run(["--once", "--fiscal-year", "2024", "--width", "100", "--plan", "other-plan"])).toMatchObject({
      once: true,
      fiscalYear: 2024,
      width: 100,
      planId: "other-plan"
    })
    expect(run(["--json", "--refresh", "0"])).toMatchObject({ json: true, refreshSeconds: 0 })
  })

  it("refuses what it cannot use, saying why", () => {
    expect(parseOptions(["--fiscal-year", "24"], {})).toEqual({
      _tag: "Invalid",
      message: "--fiscal-year は 2000〜2100 の整数で指定してください"
    })
    expect(parseOptions(["--refresh", "-1"], {})).toMatchObject({ _tag: "Invalid" })
    expect(parseOptions(["--api-url", "localhost:8787"], {})).toMatchObject({
      _tag: "Invalid",
      message: expect.stringContaining("http://")
    })
    expect(parseOptions(["--no-such-option"], {})).toMatchObject({ _tag: "Invalid" })
    expect(parseOptions(["-h"], {})).toEqual({ _tag: "Help" })
  })
})

describe("the language (--lang, SUKOYAKA_LANG)", () => {
  it("is Japanese unless told, --lang before SUKOYAKA_LANG", () => {
    expect(run([])).toMatchObject({ lang: "ja" })
    expect(run(["--lang", "en"])).toMatchObject({ lang: "en" })
    expect(run(["--lang=en"])).toMatchObject({ lang: "en" })
    expect(run([], { SUKOYAKA_LANG: "en" })).toMatchObject({ lang: "en" })
    expect(run(["--lang", "ja"], { SUKOYAKA_LANG: "en" })).toMatchObject({ lang: "ja" })
    expect(run([], { SUKOYAKA_LANG: "" })).toMatchObject({ lang: "ja" })
  })

  it("refuses a language it does not have, saying so in both", () => {
    expect(parseOptions(["--lang", "fr"], {})).toEqual({
      _tag: "Invalid",
      message: "--lang は ja か en です（--lang must be ja or en）: fr"
    })
    expect(parseOptions([], { SUKOYAKA_LANG: "english" })).toEqual({
      _tag: "Invalid",
      message: "SUKOYAKA_LANG は ja か en です（SUKOYAKA_LANG must be ja or en）: english"
    })
    expect(parseOptions(["--lang"], {})).toMatchObject({ _tag: "Invalid" })
  })

  it("complains about the other options in the language asked for", () => {
    expect(parseOptions(["--fiscal-year", "24", "--lang", "en"], {})).toEqual({
      _tag: "Invalid",
      message: "--fiscal-year must be a whole number from 2000 to 2100"
    })
    expect(parseOptions(["--api-url", "localhost:8787"], { SUKOYAKA_LANG: "en" })).toEqual({
      _tag: "Invalid",
      message: "--api-url must be a URL starting with http:// or https://: localhost:8787"
    })
  })

  it("writes --help in the language asked for", () => {
    expect(langOf(["--help", "--lang", "en"], {})).toBe("en")
    expect(langOf(["--help"], { SUKOYAKA_LANG: "en" })).toBe("en")
    expect(langOf(["--lang", "fr"], {})).toBe("ja")
    expect(usage).toBe(usageFor("ja"))
    expect(usage).toContain("--lang ja|en")
    expect(usageFor("en")).toContain("--lang ja|en")
    expect(usageFor("en")).toContain("Keys:")
    expect(usageFor("en")).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
  })
})
