// The shared ESLint flat config: typescript-eslint's recommended rules plus the few we rely on.
import js from "@eslint/js"
import tseslint from "typescript-eslint"

/** Any other app's package, except the API's typed client. */
export const appToApp = {
  regex: "^@sukoyaka/(?:(?:api(?:/(?!client$).*)?)|(?:(?:cli|dashboard|admin)(?:/.*)?))$",
  message:
    "An app never imports another app: use-cases come from @sukoyaka/app, the API from @sukoyaka/api/client (docs/architecture.md)."
}

/**
 * One validated configuration per process (issue 16): in a package's `src/`, only its configuration
 * module(s), given here relative to the package, read `process.env`. Code that passes the
 * environment on to a child process says so in an eslint-disable comment.
 */
const environmentMessage =
  "Read the environment in the configuration module only (packages/app/src/Configuration.ts, the admin's lib/server/config.ts) and pass the values in."

export const environmentOnlyIn = (configurationModules) => [
  {
    files: ["src/**/*.ts", "src/**/*.js"],
    ignores: configurationModules,
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: environmentMessage }],
      // `import { env } from "node:process"` reads it too. This rule replaces the shared one for
      // these files, so the app-to-app pattern is repeated.
      "no-restricted-imports": [
        "error",
        {
          paths: ["node:process", "process"].map((name) => ({
            name,
            importNames: ["env"],
            message: environmentMessage
          })),
          patterns: [appToApp]
        }
      ]
    }
  }
]

export default tseslint.config(
  { ignores: ["**/dist/**", "**/build/**", "**/.svelte-kit/**", "**/node_modules/**", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS here is Node scripts (bin/, configs).
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } }
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      // Small modules: a file past ~250 lines usually holds more than one purpose (a warning, not a failure).
      "max-lines": ["warn", { max: 250, skipBlankLines: true, skipComments: true }],
      // Layers: core → storage → app → apps. An app never imports another app (docs/architecture.md);
      // the one shared piece is the API's typed client.
      "no-restricted-imports": ["error", { patterns: [appToApp] }],
      // The same for import(): no-restricted-imports sees only static imports.
      "no-restricted-syntax": [
        "error",
        {
          selector: `ImportExpression[source.value=/${appToApp.regex.replaceAll("/", "\\/")}/]`,
          message: appToApp.message
        }
      ],
      // Japanese text legitimately holds the ideographic space (「Ａ　順調」).
      "no-irregular-whitespace": [
        "error",
        { skipStrings: true, skipComments: true, skipTemplates: true, skipRegExps: true }
      ]
    }
  }
)
