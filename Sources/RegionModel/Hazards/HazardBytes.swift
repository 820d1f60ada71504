/// A hazard as a scan hands it to the reports: the input's trimmed text
/// and the detail as bytes, valid only during the call that receives it,
/// so that a report of a million hazards makes no string for them.
struct HazardBytes {
  /// The input's line.
  let line: Int
  /// The input's text, trimmed.
  let input: UnsafeBufferPointer<UInt8>
  /// Which weak point.
  let code: HazardCode
  /// The particulars.
  let detail: UnsafeBufferPointer<UInt8>

  /// The same hazard as a value with strings.
  var located: LocatedHazard {
    LocatedHazard(
      line: line, input: String(decoding: input, as: UTF8.self),
      hazard: Hazard(code: code, detail: String(decoding: detail, as: UTF8.self)))
  }
}
