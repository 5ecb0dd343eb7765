import { FrameworkFile } from "@sukoyaka/core"
import { Frameworks, type AuditActor } from "@sukoyaka/storage"
import { Effect, Option, Schema } from "effect"
import jscpPackage from "../data/frameworks/jscp-package.json" with { type: "json" }
import kenkoNippon21 from "../data/frameworks/kenko-nippon-21-3.json" with { type: "json" }
import package2017 from "../data/frameworks/package-2017.json" with { type: "json" }
import taikouR4 from "../data/frameworks/taikou-r4.json" with { type: "json" }

/**
 * The framework versions shipped with Sukoyaka (data/frameworks/*.json): only entries that cite a
 * source; those not checked against the published text say `confirmed: false` and show as 未確認.
 */
export const shippedFrameworks: ReadonlyArray<FrameworkFile> = [taikouR4, package2017, jscpPackage, kenkoNippon21].map(
  (file) => Schema.decodeUnknownSync(FrameworkFile)(file)
)

/** Loads the shipped frameworks that are not in the database yet; one already there is left as the secretariat keeps it. */
export const loadShippedFrameworks = (actor: AuditActor) =>
  Effect.gen(function* () {
    const frameworks = yield* Frameworks
    const loaded: Array<string> = []
    for (const file of shippedFrameworks) {
      if (Option.isSome(yield* frameworks.find(file.framework.id))) continue
      yield* frameworks.write(actor, file, 0)
      loaded.push(file.framework.id)
    }
    return loaded
  }).pipe(Effect.withSpan("loadShippedFrameworks"))
