import { createContext, useContext } from "react"

/** Whether to colour: off under NO_COLOR (https://no-color.org) and in the plain `--once` frame. */
export interface Theme {
  readonly color: boolean
}

const ThemeContext = createContext<Theme>({ color: true })

export const ThemeProvider = ThemeContext.Provider

export const useTheme = (): Theme => useContext(ThemeContext)

/** NO_COLOR set to anything but the empty string turns colour off. */
export const colorFromEnv = (env: NodeJS.ProcessEnv): boolean => env.NO_COLOR === undefined || env.NO_COLOR === ""
