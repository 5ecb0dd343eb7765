import { InitiativeNo, MeasureTagInput } from "@sukoyaka/core"
import { Schema } from "effect"
import file from "../data/framework-tags.json" with { type: "json" }

const ExampleTagFile = Schema.Struct({
  note: Schema.String,
  initiatives: Schema.Array(Schema.Struct({ no: InitiativeNo, tags: Schema.Array(MeasureTagInput) }))
})

/**
 * The seed's 55 initiatives tagged with national measures by the secretariat's eye (#24): an example
 * for the documentation and the demo, loaded with `sukoyaka frameworks load-example` and marked as an
 * example wherever it shows, never as the city's decision.
 */
export const exampleTags = Schema.decodeUnknownSync(ExampleTagFile)(file)
