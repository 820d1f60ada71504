/// A weak point of the design seen happening: its code and what exactly
/// happened.
public struct Hazard: Hashable, Sendable {
  /// Which weak point.
  public var code: HazardCode
  /// The particulars: regions, nodes, requests.
  public var detail: String

  /// Creates a hazard.
  public init(code: HazardCode, detail: String) {
    self.code = code
    self.detail = detail
  }
}
