import base from "@sukoyaka/eslint-config/base"

export default base
