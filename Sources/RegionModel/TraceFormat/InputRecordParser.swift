/// Reads the tokens of an input line into a ``TraceInput``.
enum InputRecordParser {
  /// The keys of `open` other than `driver`: the overridable properties.
  static let propertyKeys = [
    "needs-mem-regions", "needs-mem-region-fd", "mem-region-alignment", "max-mem-regions",
    "may-pin-mem-regions", "mem-regions-pinned", "start",
  ]

  static func parse(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInput {
    let keyword = tokens.text(0)
    switch keyword {
    case "ramblock": return try ramblock(tokens)
    case "open": return try open(tokens)
    case "close":
      let node = try name(tokens, at: 1, after: "close", what: "node")
      _ = try KeywordArguments(record: "close", tokens: tokens, from: 2, allowed: [])
      return .close(node: node)
    case "register", "unregister":
      let node = try name(tokens, at: 1, after: keyword, what: "node")
      let arguments = try KeywordArguments(
        record: keyword, tokens: tokens, from: 2, allowed: ["host", "size"])
      let host = try arguments.requiredUnsigned64("host")
      let size = try arguments.requiredUnsigned64("size")
      return keyword == "register"
        ? .register(node: node, host: host, size: size)
        : .unregister(node: node, host: host, size: size)
    case "discard": return try discard(tokens)
    case "node", "child", "backend", "registrar": return try GraphRecordParser.parse(tokens)
    case "read", "write":
      let request = try name(tokens, at: 1, after: keyword, what: "request")
      let arguments = try KeywordArguments(
        record: keyword, tokens: tokens, from: 2, allowed: ["blk", "host", "size"])
      return .io(
        request: request, kind: keyword == "read" ? .read : .write,
        backend: try arguments.name("blk"), host: try arguments.requiredUnsigned64("host"),
        size: try arguments.requiredUnsigned64("size"))
    case "complete":
      let request = try name(tokens, at: 1, after: keyword, what: "request")
      let arguments = try KeywordArguments(
        record: keyword, tokens: tokens, from: 2, allowed: ["ret"])
      let ret = arguments.optional("ret") == nil ? ReturnValue.success : try arguments.ret("ret")
      return .complete(request: request, ret: ret)
    default:
      throw TraceSyntaxError(
        "unknown record '\(keyword)' (inputs: ramblock, open, close, register, unregister, "
          + "discard, node, child, backend, registrar, read, write, complete; outputs start "
          + "with '>')")
    }
  }

  /// Reads the `NAME` or `NODE` at token `index`.
  static func name(
    _ tokens: LineTokens, at index: Int, after keyword: String, what: String
  ) throws(TraceSyntaxError) -> String {
    guard index < tokens.count else {
      throw TraceSyntaxError("'\(keyword)' needs a \(what) name")
    }
    let bytes = tokens.bytes(index)
    guard bytes.allSatisfy(ByteClass.isNameByte) else {
      throw TraceSyntaxError(
        "'\(tokens.text(index))' is not a valid \(what) name "
          + "(letters, digits, '_', '.' and '-' only)")
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func ramblock(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInput {
    guard tokens.count >= 2 else {
      throw TraceSyntaxError("'ramblock' needs add, remove or resize")
    }
    let action = tokens.text(1)
    switch action {
    case "add":
      let name = try name(tokens, at: 2, after: "ramblock add", what: "RAMBlock")
      let arguments = try KeywordArguments(
        record: "ramblock add", tokens: tokens, from: 3,
        allowed: ["host", "max", "used", "fd", "fd-offset"])
      let host = try arguments.requiredUnsigned64("host")
      let max = try arguments.requiredUnsigned64("max")
      let used = try arguments.optionalUnsigned64("used")
      let fd = try arguments.optional("fd").map { (v) throws(TraceSyntaxError) in
        try arguments.fd("fd", v)
      }
      let fileOffset = try arguments.optionalUnsigned64("fd-offset") ?? 0
      return .ramblockAdd(
        name: name, host: host, max: max, used: used, fd: fd ?? -1, fileOffset: fileOffset)
    case "remove":
      let name = try name(tokens, at: 2, after: "ramblock remove", what: "RAMBlock")
      _ = try KeywordArguments(record: "ramblock remove", tokens: tokens, from: 3, allowed: [])
      return .ramblockRemove(name: name)
    case "resize":
      let name = try name(tokens, at: 2, after: "ramblock resize", what: "RAMBlock")
      let arguments = try KeywordArguments(
        record: "ramblock resize", tokens: tokens, from: 3, allowed: ["used"])
      return .ramblockResize(name: name, used: try arguments.requiredUnsigned64("used"))
    default:
      throw TraceSyntaxError(
        "unknown 'ramblock \(action)' (expected ramblock add, remove or resize)")
    }
  }

  static func open(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInput {
    let node = try name(tokens, at: 1, after: "open", what: "node")
    let arguments = try KeywordArguments(
      record: "open", tokens: tokens, from: 2, allowed: ["driver"] + propertyKeys)
    let driverBytes = try arguments.required("driver")
    guard let driver = BlkioDriverName(rawValue: String(decoding: driverBytes, as: UTF8.self))
    else {
      throw TraceSyntaxError(
        "unknown driver '\(LineTokens.display(driverBytes))' (drivers: "
          + BlkioDriverName.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    var overrides: [BlkioPropertyOverride] = []
    // In the order of propertyKeys, so that equal lines give equal inputs.
    for key in propertyKeys {
      guard let value = arguments.optional(key) else { continue }
      overrides.append(try property(key, value, arguments))
    }
    return .open(node: node, driver: driver, overrides: overrides)
  }

  static func property(
    _ key: String, _ value: UnsafeBufferPointer<UInt8>, _ arguments: KeywordArguments
  ) throws(TraceSyntaxError) -> BlkioPropertyOverride {
    switch key {
    case "needs-mem-regions":
      return .needsMemRegions(try arguments.bool(key, value) ?? false)
    case "needs-mem-region-fd":
      return .needsMemRegionFD(try arguments.bool(key, value) ?? false)
    case "mem-region-alignment":
      let alignment = try arguments.unsigned64(key, value)
      guard alignment >= 1 else {
        throw TraceSyntaxError("mem-region-alignment must be at least 1")
      }
      return .memRegionAlignment(alignment)
    case "max-mem-regions":
      return .maxMemRegions(try arguments.unsigned64(key, value))
    case "may-pin-mem-regions":
      return .mayPinMemRegions(try arguments.bool(key, value, allowAbsent: true))
    case "mem-regions-pinned":
      return .memRegionsPinned(try arguments.bool(key, value, allowAbsent: true))
    default:
      switch String(decoding: value, as: UTF8.self) {
      case "ok": return .start(fails: false)
      case "fail": return .start(fails: true)
      default:
        throw TraceSyntaxError("start='\(LineTokens.display(value))' is not ok or fail")
      }
    }
  }

  static func discard(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInput {
    guard tokens.count == 2 else {
      throw TraceSyntaxError("expected 'discard require' or 'discard release'")
    }
    if tokens.token(1, is: "require") { return .discardRequire }
    if tokens.token(1, is: "release") { return .discardRelease }
    throw TraceSyntaxError(
      "unknown 'discard \(tokens.text(1))' (expected discard require or discard release)")
  }
}
