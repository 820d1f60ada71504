/// A captured map or unmap, as the checker compares it with the model's.
enum CapturedCall {
  case map(CaptureRegion?, Int32)
  case unmap(CaptureRegion?)

  /// Whether the model's `call` is this one: the same region, field by
  /// field (the model's iova and flags are 0, as
  /// `blkio_mem_region_from_host()` leaves them), and the same return value.
  func matches(_ call: Call) -> Bool {
    switch (self, call) {
    case (.map(let region?, let ret), .map(let expected, let expectedRet)):
      region.modelRegion == expected && ret == expectedRet.cValue
    case (.unmap(let region?), .unmap(let expected)):
      region.modelRegion == expected
    default: false
    }
  }

  /// The call as the trace format writes it (with iova and flags when they
  /// are not 0), or the captured line when the region was NULL.
  func display(raw: String) -> String {
    switch self {
    case .map(let region?, let ret):
      "> map " + fields(region) + " ret=" + Self.returnText(ret)
    case .unmap(let region?):
      "> unmap " + fields(region)
    case .map(nil, _), .unmap(nil):
      raw.trimmingSpaces
    }
  }

  /// Which fields differ from the model's call, when they are the same
  /// kind of call.
  func difference(from call: Call) -> String? {
    let expected: MemRegion
    let region: CaptureRegion
    switch (self, call) {
    case (.map(let captured?, _), .map(let modelRegion, _)),
      (.unmap(let captured?), .unmap(let modelRegion)):
      (expected, region) = (modelRegion, captured)
    default:
      return nil
    }
    var differing: [String] = []
    if region.addr != expected.addr { differing.append("addr") }
    if region.len != expected.len { differing.append("len") }
    if region.fd != expected.fd { differing.append("fd") }
    if region.fdOffset != expected.fdOffset { differing.append("fd-offset") }
    if region.iova != 0 { differing.append("iova (QEMU leaves it 0)") }
    if region.flags != 0 { differing.append("flags (QEMU leaves them 0)") }
    if case .map(_, let ret) = self, case .map(_, let expectedRet) = call, ret != expectedRet.cValue
    {
      differing.append("ret")
    }
    return differing.isEmpty ? nil : "differs in " + differing.joined(separator: ", ")
  }

  private func fields(_ region: CaptureRegion) -> String {
    var text =
      "addr=\(CFormat.hex(region.addr)) len=\(CFormat.hex(region.len)) "
      + "fd=\(region.fd) fd-offset=\(CFormat.hex(region.fdOffset))"
    if region.iova != 0 { text += " iova=\(CFormat.hex(region.iova))" }
    if region.flags != 0 { text += " flags=\(CFormat.hex(UInt64(region.flags)))" }
    return text
  }

  /// `0`, `-ENAME` for the errnos the trace format names, else `-N`.
  static func returnText(_ ret: Int32) -> String {
    guard ret < 0 else { return "\(ret)" }
    return Errno(rawValue: -ret).map { "-" + $0.name } ?? "\(ret)"
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and carriage returns.
  fileprivate var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
