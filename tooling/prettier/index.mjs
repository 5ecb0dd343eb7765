/** The one Prettier config of the monorepo. */
export default {
  printWidth: 100,
  semi: false,
  singleQuote: false,
  trailingComma: "none",
  arrowParens: "always"
}
