import { Schema } from "effect"
import { MessageBilingual } from "./Bilingual.ts"

/** Lower-case words joined by hyphens: stable in URLs, files and sheets (`kenko-shien`). */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A branded key of an entity, with its error message naming the entity in both languages. */
export const slugId = <const B extends string>(brand: B, name: { readonly ja: string; readonly en: string }) =>
  Schema.String.pipe(
    Schema.pattern(slugPattern, {
      [MessageBilingual]: {
        ja: `${name.ja}は半角英小文字・数字・ハイフンで指定してください`,
        en: `${name.en} must be lower-case letters, digits and hyphens`
      }
    }),
    Schema.maxLength(64),
    Schema.brand(brand)
  )
