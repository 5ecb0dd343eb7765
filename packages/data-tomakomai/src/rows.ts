// Generated from the file list: one import per transcribed row, so bundlers see every file.
import row057 from "../data/initiatives/057.json" with { type: "json" }
import row058 from "../data/initiatives/058.json" with { type: "json" }
import row059 from "../data/initiatives/059.json" with { type: "json" }
import row060 from "../data/initiatives/060.json" with { type: "json" }
import row061 from "../data/initiatives/061.json" with { type: "json" }
import row062 from "../data/initiatives/062.json" with { type: "json" }
import row063 from "../data/initiatives/063.json" with { type: "json" }
import row064 from "../data/initiatives/064.json" with { type: "json" }
import row065 from "../data/initiatives/065.json" with { type: "json" }
import row066 from "../data/initiatives/066.json" with { type: "json" }
import row067 from "../data/initiatives/067.json" with { type: "json" }
import row068 from "../data/initiatives/068.json" with { type: "json" }
import row069 from "../data/initiatives/069.json" with { type: "json" }
import row070 from "../data/initiatives/070.json" with { type: "json" }
import row071 from "../data/initiatives/071.json" with { type: "json" }
import row072 from "../data/initiatives/072.json" with { type: "json" }
import row073 from "../data/initiatives/073.json" with { type: "json" }
import row074 from "../data/initiatives/074.json" with { type: "json" }
import row075 from "../data/initiatives/075.json" with { type: "json" }
import row076 from "../data/initiatives/076.json" with { type: "json" }
import row077 from "../data/initiatives/077.json" with { type: "json" }
import row078 from "../data/initiatives/078.json" with { type: "json" }
import row079 from "../data/initiatives/079.json" with { type: "json" }
import row080 from "../data/initiatives/080.json" with { type: "json" }
import row081 from "../data/initiatives/081.json" with { type: "json" }
import row082 from "../data/initiatives/082.json" with { type: "json" }
import row083 from "../data/initiatives/083.json" with { type: "json" }
import row084 from "../data/initiatives/084.json" with { type: "json" }
import row085 from "../data/initiatives/085.json" with { type: "json" }
import row086 from "../data/initiatives/086.json" with { type: "json" }
import row087 from "../data/initiatives/087.json" with { type: "json" }
import row088 from "../data/initiatives/088.json" with { type: "json" }
import row089 from "../data/initiatives/089.json" with { type: "json" }
import row090 from "../data/initiatives/090.json" with { type: "json" }
import row091 from "../data/initiatives/091.json" with { type: "json" }
import row092 from "../data/initiatives/092.json" with { type: "json" }
import row093 from "../data/initiatives/093.json" with { type: "json" }
import row094 from "../data/initiatives/094.json" with { type: "json" }
import row095 from "../data/initiatives/095.json" with { type: "json" }
import row096 from "../data/initiatives/096.json" with { type: "json" }
import row097 from "../data/initiatives/097.json" with { type: "json" }
import row098 from "../data/initiatives/098.json" with { type: "json" }
import row099 from "../data/initiatives/099.json" with { type: "json" }
import row100 from "../data/initiatives/100.json" with { type: "json" }
import row101 from "../data/initiatives/101.json" with { type: "json" }
import row102 from "../data/initiatives/102.json" with { type: "json" }
import row103 from "../data/initiatives/103.json" with { type: "json" }
import row104 from "../data/initiatives/104.json" with { type: "json" }
import row105 from "../data/initiatives/105.json" with { type: "json" }
import row106 from "../data/initiatives/106.json" with { type: "json" }
import row107 from "../data/initiatives/107.json" with { type: "json" }
import row108 from "../data/initiatives/108.json" with { type: "json" }
import row109 from "../data/initiatives/109.json" with { type: "json" }
import row110 from "../data/initiatives/110.json" with { type: "json" }
import row111 from "../data/initiatives/111.json" with { type: "json" }

export const rows: ReadonlyArray<unknown> = [
  row057,
  row058,
  row059,
  row060,
  row061,
  row062,
  row063,
  row064,
  row065,
  row066,
  row067,
  row068,
  row069,
  row070,
  row071,
  row072,
  row073,
  row074,
  row075,
  row076,
  row077,
  row078,
  row079,
  row080,
  row081,
  row082,
  row083,
  row084,
  row085,
  row086,
  row087,
  row088,
  row089,
  row090,
  row091,
  row092,
  row093,
  row094,
  row095,
  row096,
  row097,
  row098,
  row099,
  row100,
  row101,
  row102,
  row103,
  row104,
  row105,
  row106,
  row107,
  row108,
  row109,
  row110,
  row111
]
