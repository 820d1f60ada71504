#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output line of the commonest kinds, read from its bytes only when
/// they are exactly the canonical line the model would write for it, so
/// that comparing the record with the model's call is the same as
/// comparing the canonical bytes (what `check` does for a canonical line):
///
///     > map addr=HEX len=HEX fd=FD fd-offset=HEX ret=RET
///     > unmap addr=HEX len=HEX fd=FD fd-offset=HEX
///     > submit NAME node=NAME addr=HEX len=HEX via=direct|bounce|zeroes
///     > wait NAME node=NAME
///     > done NAME ret=RET
///     > ok
///     > error TEXT
///
/// with `HEX` as `0x` and lower-case digits without leading zeros, `FD` a
/// decimal `int` without leading zeros, `RET` `0` or `-` and an errno name,
/// `NAME` of the bytes a name is made of, `TEXT` any ASCII, single spaces,
/// nothing before the `>` or after the last field.
/// Any other
/// line is ``none`` and is compared as before. A line read as a record is
/// also a valid one, which is all `record` and `hazards` ask of it. Read on
/// the reading thread
/// (``ReadAheadLines``), so that `check` need not write the model's lines
/// out to compare them.
enum QuickOutput: Sendable {
  /// Not one of the shapes above, or not in canonical form.
  case none
  case map(MemRegion, ReturnValue)
  case unmap(MemRegion)
  /// `via` as the line writes it: 0 direct, 1 bounce, 2 zeroes.
  case submit(request: NameSpan, node: NameSpan, addr: UInt64, len: UInt64, via: UInt8)
  case wait(request: NameSpan, node: NameSpan)
  case done(request: NameSpan, ret: ReturnValue)
  case ok
  /// `> error TEXT`: the text starts at this index of the line.
  case error(textStart: Int32)

  /// The record of `line` (an output line, without its newline).
  static func read(_ line: UnsafeBufferPointer<UInt8>) -> QuickOutput {
    var scan = CanonicalScanner(line: line, index: 0)
    guard scan.skip("> ") else { return .none }
    if scan.skip("map addr=") {
      guard let region = scan.regionAfterAddress(), scan.skip(" ret="),
        let ret = scan.returnValue(), scan.atEnd
      else { return .none }
      return .map(region, ret)
    }
    if scan.skip("unmap addr=") {
      guard let region = scan.regionAfterAddress(), scan.atEnd else { return .none }
      return .unmap(region)
    }
    if scan.skip("submit ") {
      guard let request = scan.name(), scan.skip(" node="), let node = scan.name(),
        scan.skip(" addr="), let addr = scan.hex(), scan.skip(" len="), let len = scan.hex(),
        scan.skip(" via="), let via = scan.via(), scan.atEnd
      else { return .none }
      return .submit(request: request, node: node, addr: addr, len: len, via: via)
    }
    if scan.skip("wait ") {
      guard let request = scan.name(), scan.skip(" node="), let node = scan.name(), scan.atEnd
      else { return .none }
      return .wait(request: request, node: node)
    }
    if scan.skip("done ") {
      guard let request = scan.name(), scan.skip(" ret="), let ret = scan.returnValue(),
        scan.atEnd
      else { return .none }
      return .done(request: request, ret: ret)
    }
    if scan.skip("ok") { return scan.atEnd ? .ok : .none }
    if scan.skip("error ") {
      // Any text, but in ASCII: a line that is not valid UTF-8 is not a
      // record, and `hazards` takes a line read here as a valid one.
      let text = UnsafeBufferPointer(rebasing: line[scan.index...])
      guard !ByteScan.hasNonASCII(text) else { return .none }
      return .error(textStart: Int32(scan.index))
    }
    return .none
  }
}

/// Reads the canonical spelling of numbers, refusing any other.
private struct CanonicalScanner {
  let line: UnsafeBufferPointer<UInt8>
  var index: Int

  var atEnd: Bool { index == line.count }

  /// Moves past `text` if the line goes on with exactly it. memcmp, not
  /// `ByteClass.equal`: on the reading thread's every output line it was
  /// 0.3 M instructions cheaper per 47,570-line trace.
  @inline(__always)
  mutating func skip(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard line.count - index >= count, let base = line.baseAddress,
      memcmp(base + index, text.utf8Start, count) == 0
    else { return false }
    index += count
    return true
  }

  /// A name: one or more of the bytes a NAME is made of
  /// (``ByteClass/isNameByte(_:)``), up to a space or the end.
  mutating func name() -> NameSpan? {
    let start = index
    while index < line.count, ByteClass.isNameByte(line[index]) { index += 1 }
    guard index > start, index == line.count || line[index] == UInt8(ascii: " ") else {
      return nil
    }
    return NameSpan(start: Int32(start), count: Int32(index - start))
  }

  /// `direct`, `bounce` or `zeroes` as 0, 1, 2.
  mutating func via() -> UInt8? {
    if skip("direct") { return 0 }
    if skip("bounce") { return 1 }
    if skip("zeroes") { return 2 }
    return nil
  }

  /// `HEX len=HEX fd=FD fd-offset=HEX`, the region's fields after `addr=`.
  mutating func regionAfterAddress() -> MemRegion? {
    guard let addr = hex(), skip(" len="), let len = hex(), skip(" fd="), let fd = fd(),
      skip(" fd-offset="), let offset = hex()
    else { return nil }
    return MemRegion(addr: addr, len: len, fd: fd, fdOffset: offset)
  }

  /// `0x` and 1 to 16 lower-case hex digits, the first not 0 unless alone.
  mutating func hex() -> UInt64? {
    guard skip("0x") else { return nil }
    var value: UInt64 = 0
    var digits = 0
    while index < line.count {
      let byte = line[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
      default: return end(value, digits: digits)
      }
      if digits == 1, value == 0 { return nil }
      guard digits < 16 else { return nil }
      value = value << 4 | UInt64(digit)
      digits += 1
      index += 1
    }
    return end(value, digits: digits)
  }

  private func end(_ value: UInt64, digits: Int) -> UInt64? {
    digits > 0 ? value : nil
  }

  /// An `int` in decimal: an optional `-`, no leading zero, no `-0`.
  mutating func fd() -> Int32? {
    let negative = index < line.count && line[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var value: Int64 = 0
    var digits = 0
    while index < line.count, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") {
      if digits == 1, value == 0 { return nil }
      guard digits < 10 else { return nil }
      value = value * 10 + Int64(line[index] - UInt8(ascii: "0"))
      digits += 1
      index += 1
    }
    guard digits > 0, !(negative && value == 0) else { return nil }
    let signed = negative ? -value : value
    guard let fd = Int32(exactly: signed) else { return nil }
    return fd
  }

  /// `0`, or `-` and an errno name, up to the end of the line.
  mutating func returnValue() -> ReturnValue? {
    guard index < line.count else { return nil }
    if line[index] == UInt8(ascii: "0") {
      index += 1
      return .success
    }
    guard line[index] == UInt8(ascii: "-"), line.count - index > 1 else { return nil }
    let name = UnsafeBufferPointer(rebasing: line[(index + 1)...])
    for errno in Errno.allCases {
      var known = errno.name
      if known.withUTF8({ ByteScan.equal($0, name) }) {
        index = line.count
        return .failure(errno)
      }
    }
    return nil
  }
}
