/** The one Prettier config of the monorepo. */
export default {
  printWidth: 120,
  semi: false,
  singleQuote: false,
  trailingComma: "none",
  arrowParens: "always"
}
