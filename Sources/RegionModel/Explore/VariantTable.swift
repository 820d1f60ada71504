/// The hazard × variant table of Docs/Variants.md: which hazards
/// exploration finds under each variant, as Markdown.
public enum VariantTable {
  /// Which hazards `explore` finds under each variant with `options`
  /// (whose own variant is ignored).
  public static func found(_ options: ExploreOptions) -> [DriverVariant: Set<HazardCode>] {
    var result: [DriverVariant: Set<HazardCode>] = [:]
    for variant in DriverVariant.allCases {
      var perVariant = options
      perVariant.variant = variant
      result[variant] = Set(Explorer.explore(perVariant).map(\.code))
    }
    return result
  }

  /// The table: one row per hazard, linking its page, with its weak point
  /// and `yes` or `no` per variant.
  public static func markdown(_ found: [DriverVariant: Set<HazardCode>]) -> String {
    let variants = DriverVariant.allCases
    var lines = [
      "| hazard | weak point | " + variants.map(\.rawValue).joined(separator: " | ") + " |",
      "|---|---|" + String(repeating: "---|", count: variants.count),
    ]
    for code in HazardCode.allCases {
      let cells = variants.map { found[$0, default: []].contains(code) ? "yes" : "no" }
      let weakPoint = code.weakPoint.map(String.init) ?? "—"
      lines.append(
        "| [`\(code.rawValue)`](hazards/\(code.rawValue).md) | \(weakPoint) | "
          + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
