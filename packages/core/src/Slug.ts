import { Schema } from "effect"
import { MessageBilingual } from "./Bilingual.ts"

/**
 * Lower-case words joined by hyphens: stable in URLs, files and sheets (`kenko-shien`). The u flag:
 * effect 4 writes a pattern into JSON Schema (and so OpenAPI) only from a unicode RegExp.
 */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u

/** A branded key of an entity, with its error message naming the entity in both languages. */
export const slugId = <const B extends string>(brand: B, name: { readonly ja: string; readonly en: string }) =>
  Schema.String.check(
    Schema.isPattern(slugPattern, {
      [MessageBilingual]: {
        ja: `${name.ja}は半角英小文字・数字・ハイフンで指定してください`,
        en: `${name.en} must be lower-case letters, digits and hyphens`
      }
    }),
    Schema.isMaxLength(64)
  ).pipe(Schema.brand<B>(brand as Parameters<typeof Schema.brand<B>>[0]))
