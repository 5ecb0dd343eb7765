import { createContext, useContext } from "react"
import { type Messages, messagesFor } from "../text/messages.ts"

/** The dashboard's words in the chosen language (`--lang`, SUKOYAKA_LANG); Japanese unless told. */
const MessagesContext = createContext<Messages>(messagesFor("ja"))

export const MessagesProvider = MessagesContext.Provider

export const useMessages = (): Messages => useContext(MessagesContext)
