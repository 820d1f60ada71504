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
    case .call(let call):
      append(call, names: StringNames(), to: &bytes)
    case .result(let outcome):
      append(outcome, to: &bytes)
    }
  }

  /// Appends the canonical line of a call, writing each name's bytes
  /// through `names`.
  public static func append<Writer: NameWriter>(
    _ call: CallOf<Writer.Name>, names: borrowing Writer, to bytes: inout [UInt8]
  ) {
    func appendName(_ space: NameSpace, _ name: Writer.Name, _ bytes: inout [UInt8]) {
      names.appendName(name, in: space, to: &bytes)
    }
    switch call {
    case .map(let region, let ret):
      append("> map", to: &bytes)
      append(region, to: &bytes)
      append(" ret=", to: &bytes)
      append(ret, to: &bytes)
    case .unmap(let region):
      append("> unmap", to: &bytes)
      append(region, to: &bytes)
    case .discardDisable(let ret):
      append("> discard-disable ret=", to: &bytes)
      append(ret, to: &bytes)
    case .discardEnable:
      append("> discard-enable", to: &bytes)
    case .uncoordinatedDiscardDisable(let ret):
      append("> uncoordinated-discard-disable ret=", to: &bytes)
      append(ret, to: &bytes)
    case .uncoordinatedDiscardEnable:
      append("> uncoordinated-discard-enable", to: &bytes)
    case .discardRange(let addr, let len):
      append("> discard-range addr=", to: &bytes)
      appendHex(addr, to: &bytes)
      append(" len=", to: &bytes)
      appendHex(len, to: &bytes)
    case .alloc(let region, let ret):
      append("> alloc addr=", to: &bytes)
      appendHex(region.addr, to: &bytes)
      append(" len=", to: &bytes)
      appendHex(region.len, to: &bytes)
      append(" fd=", to: &bytes)
      appendDecimal(Int64(region.fd), to: &bytes)
      append(" ret=", to: &bytes)
      append(ret, to: &bytes)
    case .free(let region):
      append("> free addr=", to: &bytes)
      appendHex(region.addr, to: &bytes)
      append(" len=", to: &bytes)
      appendHex(region.len, to: &bytes)
      append(" fd=", to: &bytes)
      appendDecimal(Int64(region.fd), to: &bytes)
    case .submit(let request, let node, let buffer):
      append("> submit ", to: &bytes)
      appendName(.request, request, &bytes)
      append(" node=", to: &bytes)
      appendName(.node, node, &bytes)
      append(" addr=", to: &bytes)
      appendHex(buffer.addr, to: &bytes)
      append(" len=", to: &bytes)
      appendHex(buffer.len, to: &bytes)
      append(
        buffer.zeroes ? " via=zeroes" : buffer.bounce ? " via=bounce" : " via=direct", to: &bytes)
    case .wait(let request, let node):
      append("> wait ", to: &bytes)
      appendName(.request, request, &bytes)
      append(" node=", to: &bytes)
      appendName(.node, node, &bytes)
    case .done(let request, let ret):
      append("> done ", to: &bytes)
      appendName(.request, request, &bytes)
      append(" ret=", to: &bytes)
      append(ret, to: &bytes)
    case .report(let message):
      append("> report ", to: &bytes)
      appendName(.message, message, &bytes)
    case .fault(let message):
      append("> fault ", to: &bytes)
      appendName(.message, message, &bytes)
    }
  }

  /// Appends the canonical line of a result.
  public static func append(_ outcome: Outcome, to bytes: inout [UInt8]) {
    switch outcome {
    case .ok:
      append("> ok", to: &bytes)
    case .error(let message):
      append("> error ", to: &bytes)
      bytes.append(contentsOf: message.utf8)
    }
  }

  @inline(__always)
  static func append(_ text: StaticString, to bytes: inout [UInt8]) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  static func append(_ ret: ReturnValue, to bytes: inout [UInt8]) {
    switch ret {
    case .success: bytes.append(UInt8(ascii: "0"))
    case .failure(let errno):
      bytes.append(UInt8(ascii: "-"))
      bytes.append(contentsOf: errno.name.utf8)
    }
  }

  /// Appends a signed decimal.
  static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
    var magnitude = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var digits = InlineArray<20, UInt8>(repeating: 0)
    var count = 0
    repeat {
      digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      count += 1
      magnitude /= 10
    } while magnitude > 0
    while count > 0 {
      count -= 1
      bytes.append(digits[count])
    }
  }

  static func append(_ region: MemRegion, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: " addr=".utf8)
    appendHex(region.addr, to: &bytes)
    bytes.append(contentsOf: " len=".utf8)
    appendHex(region.len, to: &bytes)
    append(" fd=", to: &bytes)
    appendDecimal(Int64(region.fd), to: &bytes)
    bytes.append(contentsOf: " fd-offset=".utf8)
    appendHex(region.fdOffset, to: &bytes)
  }

  /// Appends `0x` and the lowercase hex digits of `value` without leading
  /// zeros (`0x0` for zero).
  static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
    var digits = InlineArray<18, UInt8>(repeating: 0)
    digits[0] = UInt8(ascii: "0")
    digits[1] = UInt8(ascii: "x")
    let significant = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
    for position in 0..<significant {
      let digit = UInt8(truncatingIfNeeded: value >> UInt64(4 * (significant - 1 - position))) & 0xF
      digits[2 + position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
    }
    digits.span.withUnsafeBufferPointer { all in
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[0..<(2 + significant)]))
    }
  }

}
