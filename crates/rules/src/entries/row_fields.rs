// The fields of a row of a decision table, as `entries.toml` and a pack write
// them. Included by build.rs, which embeds the plan's rows, and by table.rs,
// which reads a pack's, so that the two never list different fields.
[
    "when",
    "status",
    "amount",
    "value",
    "min",
    "held",
    "higher_zh",
    "higher_en",
    "reason_zh",
    "reason_en",
    "also_zh",
    "also_en",
    "x7_zh",
    "x7_en",
    "miss_question",
    "miss_zh",
    "miss_en",
    "unit_zh",
    "unit_en",
]
