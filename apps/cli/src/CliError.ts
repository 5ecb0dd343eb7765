import { Data } from "effect"

/** A failure the user can act on: printed as a message (no stack) with its exit code. */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string; readonly exitCode: number }> {}

/** 2: the input was wrong (usage, file, value); 1: something else went wrong. */
export const badInput = (message: string) => new CliError({ message, exitCode: 2 })
