/// Reads one line of a capture (the file `libregionsim-capture.so` writes;
/// Docs/Capture.md gives the format) into a ``CaptureLine``.
public enum CaptureLineParser {
  /// The record kinds and the `blkio_*()` function each one records.
  public static let kinds: [String] = [
    "create", "connect", "start", "destroy", "get-bool", "get-int", "get-uint64", "get-str",
    "set-bool", "set-int", "set-uint64", "set-str", "map", "unmap", "alloc", "free",
  ]

  /// Parses `line` (without its line feed).
  public static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError)
    -> CaptureLine
  {
    var bytes = Array(line)
    while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D {
      bytes.removeLast()
    }
    let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? bytes.endIndex
    let text = bytes[start...]
    guard let first = text.first, first != UInt8(ascii: "#") else { return .nothing }
    if text.starts(with: Array("event".utf8)), text.count == 5 || text[start + 5] == 0x20 {
      let input = String(decoding: text.dropFirst(5), as: UTF8.self)
      let trimmed = input.drop(while: { $0 == " " || $0 == "\t" })
      guard !trimmed.isEmpty else {
        throw TraceSyntaxError(
          "event: no input after 'event' (for example 'event ramblock remove dimm0')")
      }
      return .event(String(trimmed))
    }
    let words = text.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
    let kind = String(decoding: words[0], as: UTF8.self)
    if kind == "regionsim-capture" { return try header(Array(words.dropFirst())) }
    var fields = try CaptureFields(kind: kind, words: Array(words.dropFirst()))
    let (call, known) = try self.call(kind, &fields)
    let message = try fields.optionalString("msg")
    let fdPath = try fields.optionalString("fd-path")
    let thread = try fields.decimal("tid", in: 0...Int64.max)
    try fields.requireNoOthers(known: known + ["msg", "fd-path", "tid"])
    return .record(CaptureRecord(call: call, message: message, fdPath: fdPath, thread: thread))
  }

  private static func header(_ words: [ArraySlice<UInt8>]) throws(TraceSyntaxError) -> CaptureLine {
    guard let version = words.first, Array(version) == Array("1".utf8) else {
      throw TraceSyntaxError(
        "regionsim-capture: this regionsim reads capture format 1; the file says "
          + (words.first.map { "'\(PrintableText.of(String(decoding: $0, as: UTF8.self)))'" }
            ?? "no version"))
    }
    var fields = try CaptureFields(kind: "regionsim-capture", words: Array(words.dropFirst()))
    let pid = try fields.decimal("pid", in: 0...Int64.max)
    try fields.requireNoOthers(known: ["pid"])
    return .header(pid: pid)
  }

  /// The call a record of `kind` describes, and the field names it knows.
  private static func call(_ kind: String, _ fields: inout CaptureFields) throws(TraceSyntaxError)
    -> (CaptureCall, [String])
  {
    let regionKeys = ["addr", "len", "iova", "fd-offset", "fd", "flags", "region"]
    switch kind {
    case "create":
      let driver = try fields.string("driver")
      let ret = try returnValue(&fields)
      return (
        .create(driver: driver, ret: ret, handle: try fields.hex("handle")),
        ["driver", "ret", "handle"]
      )
    case "connect":
      let handle = try fields.hex("handle")
      return (.connect(handle: handle, ret: try returnValue(&fields)), ["handle", "ret"])
    case "start":
      let handle = try fields.hex("handle")
      return (.start(handle: handle, ret: try returnValue(&fields)), ["handle", "ret"])
    case "destroy":
      return (.destroy(handle: try fields.hex("handle")), ["handle"])
    case "map":
      let handle = try fields.hex("handle")
      let region = try self.region(&fields)
      return (
        .map(handle: handle, region: region, ret: try returnValue(&fields)),
        ["handle", "ret"] + regionKeys
      )
    case "unmap":
      let handle = try fields.hex("handle")
      return (.unmap(handle: handle, region: try region(&fields)), ["handle"] + regionKeys)
    case "alloc":
      let handle = try fields.hex("handle")
      let size = try fields.hex("size")
      let ret = try returnValue(&fields)
      return (
        .alloc(handle: handle, size: size, ret: ret, region: try region(&fields)),
        ["handle", "size", "ret"] + regionKeys
      )
    case "free":
      let handle = try fields.hex("handle")
      return (.free(handle: handle, region: try region(&fields)), ["handle"] + regionKeys)
    default:
      return try property(kind, &fields)
    }
  }

  /// `get-TYPE` and `set-TYPE` records.
  private static func property(_ kind: String, _ fields: inout CaptureFields)
    throws(TraceSyntaxError) -> (CaptureCall, [String])
  {
    let parts = kind.split(separator: "-", maxSplits: 1).map(String.init)
    guard parts.count == 2, parts[0] == "get" || parts[0] == "set",
      let type = PropertyType(rawValue: parts[1])
    else {
      throw TraceSyntaxError(
        "unknown record '\(PrintableText.of(kind))'" + ClosestName.hint(kind, among: kinds))
    }
    let handle = try fields.hex("handle")
    let name = try fields.string("name")
    let known = ["handle", "name", "value", "ret"]
    if parts[0] == "set" {
      let value = try self.value(type, &fields)
      return (
        .set(handle: handle, type: type, name: name, value: value, ret: try returnValue(&fields)),
        known
      )
    }
    let ret = try returnValue(&fields)
    var value: PropertyValue?
    if ret == 0 {
      // The interposer writes `(null)` for a NULL value pointer (a caller
      // that reads into nowhere; QEMU never does): no value was read.
      if type != .str, fields.take(ifEqualTo: "(null)", key: "value") {
        value = nil
      } else {
        value = try self.value(type, &fields)
      }
    } else if fields.contains("value") {
      throw TraceSyntaxError("\(kind): a value= after a failed read (ret=\(ret))")
    }
    return (.get(handle: handle, type: type, name: name, ret: ret, value: value), known)
  }

  private static func value(_ type: PropertyType, _ fields: inout CaptureFields)
    throws(TraceSyntaxError) -> PropertyValue
  {
    switch type {
    case .bool: .bool(try fields.bool("value"))
    case .int: .int(Int32(try fields.decimal("value")))
    case .uint64: .uint64(try fields.unsignedDecimal("value"))
    case .str: .str(try fields.string("value"))
    }
  }

  private static func returnValue(_ fields: inout CaptureFields) throws(TraceSyntaxError) -> Int32 {
    Int32(try fields.decimal("ret", in: -4095...0))
  }

  /// The six region fields, or `region=(null)` for a NULL pointer.
  private static func region(_ fields: inout CaptureFields) throws(TraceSyntaxError)
    -> CaptureRegion?
  {
    if let null = fields.take("region") {
      guard null == Array("(null)".utf8) else {
        throw TraceSyntaxError("\(fields.kind): region= is only ever '(null)'")
      }
      return nil
    }
    let addr = try fields.hex("addr")
    let len = try fields.hex("len")
    let iova = try fields.hex("iova")
    let fdOffset = try fields.hex("fd-offset")
    let fd = Int32(try fields.decimal("fd"))
    let flags = try fields.hex("flags")
    guard flags <= UInt64(UInt32.max) else {
      throw TraceSyntaxError(
        "\(fields.kind): flags= is a uint32_t, and \(CFormat.hex(flags)) does not fit")
    }
    return CaptureRegion(
      addr: addr, len: len, iova: iova, fdOffset: fdOffset, fd: fd, flags: UInt32(flags))
  }
}
