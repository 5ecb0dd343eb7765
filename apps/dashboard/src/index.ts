export { App, type AppProps } from "./App.tsx"
export {
  type DashboardData,
  type DataSource,
  SourceError,
  type SourceErrorKind
} from "./data/DataSource.ts"
export { httpSource, type HttpSourceOptions } from "./data/httpSource.ts"
export { localSource } from "./data/localSource.ts"
export { renderFrame } from "./Frame.tsx"
export { MessagesProvider, useMessages } from "./contexts/MessagesContext.tsx"
export { type Lang, type Messages, messagesFor } from "./text/messages.ts"
