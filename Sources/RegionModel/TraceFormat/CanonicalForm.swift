/// Writes output records in the canonical form of `trace-format-v1.md`:
/// `> ` and single-space separated tokens; addresses, lengths and offsets in
/// lowercase hex with `0x` (`0x0` for zero); `fd` in decimal; `ret=0` or
/// `ret=-ENAME`.
public enum CanonicalForm {
  /// The canonical line of a record, without line feed.
  public static func line(_ record: OutputRecord) -> String {
    var bytes: [UInt8] = []
    append(record, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the canonical line of a record, without line feed, to `bytes`.
  public static func append(_ record: OutputRecord, to bytes: inout [UInt8]) {
    switch record {
    case .call(.map(let region, let ret)):
      bytes.append(contentsOf: "> map".utf8)
      append(region, to: &bytes)
      bytes.append(contentsOf: " ret=".utf8)
      bytes.append(contentsOf: ret.description.utf8)
    case .call(.unmap(let region)):
      bytes.append(contentsOf: "> unmap".utf8)
      append(region, to: &bytes)
    case .call(.discardDisable(let ret)):
      bytes.append(contentsOf: "> discard-disable ret=".utf8)
      bytes.append(contentsOf: ret.description.utf8)
    case .call(.discardEnable):
      bytes.append(contentsOf: "> discard-enable".utf8)
    case .call(.alloc(let region, let ret)):
      bytes.append(contentsOf: "> alloc addr=".utf8)
      appendHex(region.addr, to: &bytes)
      bytes.append(contentsOf: " len=".utf8)
      appendHex(region.len, to: &bytes)
      bytes.append(contentsOf: " fd=\(region.fd) ret=\(ret)".utf8)
    case .call(.free(let region)):
      bytes.append(contentsOf: "> free addr=".utf8)
      appendHex(region.addr, to: &bytes)
      bytes.append(contentsOf: " len=".utf8)
      appendHex(region.len, to: &bytes)
      bytes.append(contentsOf: " fd=\(region.fd)".utf8)
    case .call(.submit(let request, let node, let buffer)):
      bytes.append(contentsOf: "> submit \(request) node=\(node) addr=".utf8)
      appendHex(buffer.addr, to: &bytes)
      bytes.append(contentsOf: " len=".utf8)
      appendHex(buffer.len, to: &bytes)
      bytes.append(contentsOf: (buffer.bounce ? " via=bounce" : " via=direct").utf8)
    case .call(.wait(let request, let node)):
      bytes.append(contentsOf: "> wait \(request) node=\(node)".utf8)
    case .call(.done(let request, let ret)):
      bytes.append(contentsOf: "> done \(request) ret=\(ret)".utf8)
    case .call(.report(let message)):
      bytes.append(contentsOf: "> report ".utf8)
      bytes.append(contentsOf: message.utf8)
    case .call(.fault(let message)):
      bytes.append(contentsOf: "> fault ".utf8)
      bytes.append(contentsOf: message.utf8)
    case .result(.ok):
      bytes.append(contentsOf: "> ok".utf8)
    case .result(.error(let message)):
      bytes.append(contentsOf: "> error ".utf8)
      bytes.append(contentsOf: message.utf8)
    }
  }

  static func append(_ region: MemRegion, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: " addr=".utf8)
    appendHex(region.addr, to: &bytes)
    bytes.append(contentsOf: " len=".utf8)
    appendHex(region.len, to: &bytes)
    bytes.append(contentsOf: " fd=".utf8)
    bytes.append(contentsOf: String(region.fd).utf8)
    bytes.append(contentsOf: " fd-offset=".utf8)
    appendHex(region.fdOffset, to: &bytes)
  }

  /// Appends `0x` and the lowercase hex digits of `value` without leading
  /// zeros (`0x0` for zero).
  static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "0"))
    bytes.append(UInt8(ascii: "x"))
    var shift = 60
    while shift > 0, (value >> UInt64(shift)) & 0xF == 0 { shift -= 4 }
    while shift >= 0 {
      let digit = UInt8((value >> UInt64(shift)) & 0xF)
      bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
      shift -= 4
    }
  }
}
